<?php
// Installs WordPress on an empty database and copies Gazette's articles into it, for bench/wordpress.sh.
//
//   php setup.php CONFIG HOST ARTICLES.json COMMENTS.json MEDIA-FOLDER PARENTS-OUT
//
// CONFIG names Debian's /etc/wordpress/config-CONFIG.php (the script writes it); HOST is the site's host:port.
// ARTICLES.json and COMMENTS.json are `sqlite3 -json` exports of Gazette's database (see wordpress.sh): every
// published article, and the comments of the articles measured, in reading order (time, then id) with their parents.
// MEDIA-FOLDER is Gazette's media folder, whose featured images are copied into the uploads folder. PARENTS-OUT
// receives, for each article with comments, "slug wordpress-comment-id..." in the same reading order: the comments
// that the posting measurement replies to, the same ones on both sites.

if ($argc !== 7) {
    fwrite(STDERR, "usage: php setup.php CONFIG HOST ARTICLES.json COMMENTS.json MEDIA-FOLDER PARENTS-OUT\n");
    exit(2);
}
[, $config, $host, $articlesFile, $commentsFile, $mediaFolder, $parentsOut] = $argv;

// Debian's wp-config.php picks /etc/wordpress/config-$WORDPRESS_CONFIG.php; wp_install() reads the host.
$_SERVER['WORDPRESS_CONFIG'] = $config;
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require_once '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
// wp_install() mails the administrator; this machine has no mail server.
add_filter('pre_wp_mail', '__return_false');

$result = wp_install('Gazette benchmark', 'admin', 'admin@example.org', true, '', wp_generate_password(24));
if (is_wp_error($result) || empty($result['user_id'])) {
    fwrite(STDERR, "wp_install failed\n");
    exit(1);
}

// What wp_install() adds as examples (a post with a comment, a sample page, a privacy-policy draft).
foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $example) {
    wp_delete_post($example->ID, true);
}

// Article URLs as Gazette's: /articles/{slug}/ (the rewrite object holds the structure it was made with: set it there).
$wp_rewrite->set_permalink_structure('/articles/%postname%/');
$options = [
    // Show the whole depth of Gazette's threads (its generator nests up to 9 levels); 10 is WordPress's maximum.
    'thread_comments_depth' => 10,
    // Moderation off for the run: a guest's first comment is published, as on Gazette (Moderation:HoldFirstComment=false).
    'comment_previously_approved' => 0,
    'comment_moderation' => 0,
    // Gazette sends no e-mail when a comment is posted, and this machine has no mail server.
    'comments_notify' => 0,
    'moderation_notify' => 0,
    // No pingbacks to the links in the articles (no network here).
    'default_pingback_flag' => 0,
    'default_ping_status' => 'closed',
    'upload_path' => getenv('WP_UPLOADS') ?: '',
    'upload_url_path' => getenv('WP_UPLOADS') ? "http://$host/wp-content/uploads" : '',
];
foreach ($options as $name => $value) {
    update_option($name, $value);
}
$wp_rewrite->flush_rules(false);
// The theme: Debian's package brings Twenty Twenty-Three, WordPress 6.1's default (a block theme); bench/wordpress.sh
// chooses (WP_THEME) and installs the classic Twenty Twenty-One by default (see docs/benchmarks.md for why).
$theme = getenv('WP_THEME') ?: 'twentytwentythree';
if (!wp_get_theme($theme)->exists()) {
    fwrite(STDERR, "theme $theme is not installed\n");
    exit(1);
}
switch_theme($theme);

$articles = json_decode(file_get_contents($articlesFile), true, 512, JSON_THROW_ON_ERROR);
$comments = json_decode(file_get_contents($commentsFile), true, 512, JSON_THROW_ON_ERROR);

$authors = [];
$postIds = [];
foreach ($articles as $article) {
    $name = $article['Author'];
    if (!isset($authors[$name])) {
        $login = sanitize_user(strtolower(str_replace(' ', '-', remove_accents($name))), true);
        $authors[$name] = wp_insert_user([
            'user_login' => $login,
            'user_pass' => wp_generate_password(24),
            'user_email' => "$login@example.org",
            'display_name' => $name,
            'role' => 'author',
        ]);
        if (is_wp_error($authors[$name])) {
            fwrite(STDERR, "author $name: " . $authors[$name]->get_error_message() . "\n");
            exit(1);
        }
    }
    $category = [];
    if ($article['Category'] !== null) {
        $term = term_exists($article['Category'], 'category') ?: wp_insert_term($article['Category'], 'category');
        $category = [(int) $term['term_id']];
    }
    $date = substr($article['PublishedAt'], 0, 19);
    $postId = wp_insert_post([
        'post_type' => 'post',
        'post_status' => 'publish',
        'post_name' => $article['Slug'],
        'post_title' => $article['Title'],
        'post_excerpt' => $article['Excerpt'],
        'post_content' => $article['BodyHtml'],
        'post_author' => $authors[$name],
        'post_date' => $date,
        'post_date_gmt' => $date,
        'post_category' => $category,
        'tags_input' => $article['Tags'] === null ? [] : explode("\x1f", $article['Tags']),
        'comment_status' => 'open',
        'ping_status' => 'closed',
    ], true);
    if (is_wp_error($postId)) {
        fwrite(STDERR, "article {$article['Slug']}: " . $postId->get_error_message() . "\n");
        exit(1);
    }
    if (get_post_field('post_name', $postId) !== $article['Slug']) {
        fwrite(STDERR, "article {$article['Slug']} got the slug " . get_post_field('post_name', $postId) . "\n");
        exit(1);
    }
    $postIds[$article['Slug']] = $postId;
    if ($article['ImagePath'] !== null && getenv('WP_UPLOADS')) {
        add_featured_image($postId, $article, $mediaFolder);
    }
}

// Comments in reading order, so that WordPress's order (date, then id) is Gazette's even where dates tie to the second.
wp_defer_comment_counting(true);
$wpIds = [];
$parents = [];
foreach ($comments as $comment) {
    $date = substr($comment['CreatedAt'], 0, 19);
    $id = wp_insert_comment([
        'comment_post_ID' => $postIds[$comment['Slug']],
        'comment_parent' => $comment['ParentId'] === null ? 0 : $wpIds[$comment['ParentId']],
        'comment_author' => $comment['AuthorName'] ?? '',
        'comment_author_email' => $comment['AuthorEmail'] ?? '',
        'comment_author_IP' => '127.0.0.1',
        'comment_content' => $comment['BodyHtml'],
        'comment_date' => $date,
        'comment_date_gmt' => $date,
        'comment_approved' => 1,
        'comment_type' => 'comment',
    ]);
    if (!$id) {
        fwrite(STDERR, "comment {$comment['Id']} was not inserted\n");
        exit(1);
    }
    $wpIds[$comment['Id']] = $id;
    $parents[$comment['Slug']][] = $id;
}
wp_defer_comment_counting(false);

$lines = '';
foreach ($parents as $slug => $ids) {
    $lines .= $slug . ' ' . implode(' ', $ids) . "\n";
    $count = (int) get_comments_number($postIds[$slug]);
    echo "$slug: post {$postIds[$slug]}, $count comments\n";
}
file_put_contents($parentsOut, $lines);
echo count($articles) . " articles copied\n";

// The article's image as an attachment with Gazette's three widths (WordPress makes srcset from them).
function add_featured_image(int $postId, array $article, string $mediaFolder): void
{
    $uploads = wp_upload_dir();
    $base = basename($article['ImagePath']);
    $sizes = [];
    foreach ([480, 960, 1600] as $width) {
        $source = "$mediaFolder/{$article['ImagePath']}-$width.jpg";
        if (!is_file($source)) {
            continue;
        }
        copy($source, "{$uploads['path']}/$base-$width.jpg");
        $sizes[$width] = [
            'file' => "$base-$width.jpg",
            'width' => $width,
            'height' => (int) round($width * $article['ImageHeight'] / $article['ImageWidth']),
            'mime-type' => 'image/jpeg',
        ];
    }
    if (!isset($sizes[1600])) {
        return;
    }
    $file = "{$uploads['path']}/$base-1600.jpg";
    $attachment = wp_insert_attachment([
        'post_mime_type' => 'image/jpeg',
        'post_title' => $article['ImageAlt'],
        'post_status' => 'inherit',
    ], $file, $postId);
    update_post_meta($attachment, '_wp_attachment_image_alt', $article['ImageAlt']);
    wp_update_attachment_metadata($attachment, [
        'width' => $article['ImageWidth'],
        'height' => $article['ImageHeight'],
        'file' => _wp_relative_upload_path($file),
        'sizes' => array_filter(['medium' => $sizes[480] ?? null, 'medium_large' => $sizes[960] ?? null]),
    ]);
    set_post_thumbnail($postId, $attachment);
}
