<?php
// Content for the importer's WordPress fixture, written through WordPress's own functions, then exported with its
// own exporter to standard output. Run by make-export.sh:  php content.php CONFIG UPLOADS-FOLDER UPLOADS-COPY
[, $config, $uploads, $uploadsCopy] = $argv;
$_SERVER['WORDPRESS_CONFIG'] = $config;
$_SERVER['HTTP_HOST'] = 'old-gazette.example';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require_once '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
add_filter('pre_wp_mail', '__return_false');

wp_install('The Old Gazette', 'editor', 'editor@old-gazette.example', true, '', wp_generate_password(24));
foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $example) {
    wp_delete_post($example->ID, true);
}
foreach (get_comments(['status' => 'all']) as $example) {
    wp_delete_comment($example->comment_ID, true);
}
update_option('upload_path', $uploads);
update_option('uploads_use_yearmonth_folders', 1);
update_option('timezone_string', 'Europe/Berlin');
update_option('thread_comments_depth', 5);
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');

function fail($what) { fwrite(STDERR, "$what\n"); exit(1); }
function must($result, $what) { if (is_wp_error($result) || !$result) { fail("$what: " . (is_wp_error($result) ? $result->get_error_message() : 'failed')); } return $result; }

$mara = must(wp_insert_user(['user_login' => 'mara', 'user_pass' => wp_generate_password(), 'user_email' => 'mara@old-gazette.example',
    'display_name' => 'Mara Lindqvist', 'first_name' => 'Mara', 'last_name' => 'Lindqvist', 'role' => 'author']), 'user mara');
$jonas = must(wp_insert_user(['user_login' => 'jonas.b', 'user_pass' => wp_generate_password(), 'user_email' => 'jonas@old-gazette.example',
    'display_name' => 'Jonas Brandt', 'role' => 'editor']), 'user jonas');
$reader = must(wp_insert_user(['user_login' => 'kai', 'user_pass' => wp_generate_password(), 'user_email' => 'kai@example.org',
    'display_name' => 'Kai', 'role' => 'subscriber']), 'user kai');

$hardware = must(wp_insert_term('Hardware', 'category', ['slug' => 'hardware', 'description' => 'Devices and the parts inside them.']), 'category')['term_id'];
$phones = must(wp_insert_term('Phones', 'category', ['slug' => 'phones', 'parent' => $hardware]), 'category')['term_id'];
$foldables = must(wp_insert_term('Foldables', 'category', ['slug' => 'foldables', 'parent' => $phones]), 'category')['term_id'];
$energy = must(wp_insert_term('Energy', 'category', ['slug' => 'energy']), 'category')['term_id'];

// A small image, made here (no network, no GD needed): a 2×2 PNG.
$png = base64_decode('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==');
function attach($name, $png, $parent, $title, $alt, $caption, $date) {
    $upload = wp_upload_bits($name, null, $png, '2021/03');
    if (!empty($upload['error'])) { fail("upload $name: " . $upload['error']); }
    $id = must(wp_insert_attachment(['post_mime_type' => 'image/png', 'post_title' => $title, 'post_excerpt' => $caption,
        'post_status' => 'inherit', 'post_date' => $date], $upload['file'], $parent), "attachment $name");
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return [$id, $upload['url']];
}

function post($fields) {
    $fields += ['post_type' => 'post', 'post_status' => 'publish', 'comment_status' => 'open', 'ping_status' => 'open'];
    return must(wp_insert_post($fields, true), 'post ' . ($fields['post_name'] ?? $fields['post_title']));
}

$fold = post(['post_title' => 'The Lumara Fold 2 after a year in a pocket', 'post_name' => 'lumara-fold-2-one-year', 'post_author' => $mara,
    'post_date' => '2021-03-02 09:15:00', 'post_category' => [$foldables], 'tags_input' => ['foldables', 'durability', 'long-term test'],
    'post_excerpt' => '',
    'post_content' => "We carried the Fold 2 for twelve months, in jeans, in a bike bag and once into the sea.\n\nThe hinge still closes with the same click; the crease is easier to feel than to see.\n<!--more-->\n<h2>The screen</h2>\nThe inner screen lost its original protector in month four. A replacement costs 49 euros\nand takes a shop ten minutes.\n\n[caption id=\"attachment_0\" align=\"alignright\" width=\"300\"]<img class=\"size-medium\" src=\"IMAGE1\" alt=\"The hinge, closed\" width=\"300\" height=\"200\" /> The hinge after a year[/caption]\n\n<ul>\n<li>Battery: 86 % of its first capacity</li>\n<li>Hinge: no play</li>\n</ul>\n\nhttps://www.youtube.com/watch?v=old-gazette-fold\n\n[gallery columns=\"2\" link=\"file\"]\n\n<pre>adb shell dumpsys battery\n\n  level: 86</pre>"]);
[$img1, $url1] = attach('fold-hinge.png', $png, $fold, 'Fold hinge', 'The hinge, closed', 'The hinge after a year', '2021-03-02 09:10:00');
[$img2, $url2] = attach('fold-open.png', $png, $fold, 'Fold open', 'The Fold, open', '', '2021-03-02 09:11:00');
set_post_thumbnail($fold, $img1);
$content = get_post($fold)->post_content;
wp_update_post(['ID' => $fold, 'post_content' => str_replace(['IMAGE1', 'attachment_0'], [$url1, "attachment_$img1"], $content)]);
// The slug changed after publication: WordPress keeps the old one (_wp_old_slug) and redirects it.
wp_update_post(['ID' => $fold, 'post_name' => 'lumara-fold-2-a-year-later']);

$solar = post(['post_title' => 'Solar roads, revisited', 'post_name' => 'solar-roads-revisited', 'post_author' => $jonas,
    'post_date' => '2021-04-11 18:00:00', 'post_category' => [$energy], 'tags_input' => ['solar', 'infrastructure'],
    'post_excerpt' => 'Five years after the first test track, what is left of the promise.', 'comment_status' => 'closed',
    'post_content' => "<!-- wp:paragraph -->\n<p>The first test track opened in 2016. <strong>It produced half of what was promised.</strong></p>\n<!-- /wp:paragraph -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>Roads are for driving on.</p><cite>A civil engineer</cite></blockquote>\n<!-- /wp:quote -->"]);
post(['post_title' => 'Battery prices, in one chart', 'post_name' => 'battery-prices-chart', 'post_author' => $jonas, 'post_status' => 'draft',
    'post_date' => '2021-05-01 08:00:00', 'post_category' => [$energy], 'post_content' => 'Draft: the chart is not ready.']);
post(['post_title' => 'A reader asks about repair costs', 'post_name' => 'reader-repair-costs', 'post_author' => $mara, 'post_status' => 'pending',
    'post_date' => '2021-05-02 08:00:00', 'post_content' => 'Waiting for an editor.']);
post(['post_title' => 'Internal: embargo list', 'post_name' => 'embargo-list', 'post_author' => $jonas, 'post_status' => 'private',
    'post_date' => '2021-05-03 08:00:00', 'post_content' => 'Only for staff.']);
post(['post_title' => 'Next week: the Fold 3', 'post_name' => 'next-week-fold-3', 'post_author' => $mara, 'post_status' => 'future',
    'post_date' => '2031-01-05 08:00:00', 'post_category' => [$foldables], 'post_content' => 'Scheduled far ahead.']);
$trashed = post(['post_title' => 'A story we pulled', 'post_name' => 'pulled-story', 'post_author' => $mara,
    'post_date' => '2021-02-01 08:00:00', 'post_content' => 'Pulled.']);
wp_trash_post($trashed);
$about = post(['post_type' => 'page', 'post_title' => 'About us', 'post_name' => 'about', 'post_author' => $jonas,
    'post_date' => '2020-01-01 12:00:00', 'comment_status' => 'closed', 'post_content' => "The Old Gazette is written by two people and read by a few thousand.\n\nWrite to us at the address below."]);
post(['post_type' => 'page', 'post_title' => 'Comment policy', 'post_name' => 'comment-policy', 'post_parent' => $about, 'post_author' => $jonas,
    'post_date' => '2020-01-02 12:00:00', 'comment_status' => 'closed', 'post_content' => 'Be kind. Stay on topic. No advertising.']);

function comment($post, $fields) {
    $fields += ['comment_post_ID' => $post, 'comment_approved' => 1, 'comment_type' => 'comment', 'comment_parent' => 0,
        'comment_author_IP' => '203.0.113.7', 'comment_agent' => 'Fixture'];
    return must(wp_insert_comment($fields), 'comment');
}
$c1 = comment($fold, ['comment_author' => 'Anna', 'comment_author_email' => 'anna@example.org', 'comment_author_url' => 'https://anna.example.org',
    'comment_date' => '2021-03-02 10:01:12', 'comment_content' => "Mine cracked at the crease after eight months.\n\nWarranty replaced it, but it took three weeks."]);
$c2 = comment($fold, ['comment_author' => 'Mara Lindqvist', 'comment_author_email' => 'mara@old-gazette.example', 'user_id' => $mara,
    'comment_date' => '2021-03-02 10:30:00', 'comment_parent' => $c1, 'comment_content' => 'Was it the inner screen or the protector?']);
$c3 = comment($fold, ['comment_author' => 'Anna', 'comment_author_email' => 'anna@example.org', 'comment_date' => '2021-03-02 11:00:00',
    'comment_parent' => $c2, 'comment_content' => 'The screen itself. <em>The protector was fine.</em>']);
comment($fold, ['comment_author' => 'Kai', 'comment_author_email' => 'kai@example.org', 'user_id' => $reader, 'comment_date' => '2021-03-02 11:20:00',
    'comment_parent' => $c3, 'comment_content' => 'Same here, and <script>alert(1)</script> nobody believed me.']);
comment($fold, ['comment_author' => '', 'comment_author_email' => '', 'comment_date' => '2021-03-03 08:00:00',
    'comment_content' => 'No name given.']);
comment($fold, ['comment_author' => 'Waiting Reader', 'comment_author_email' => 'waiting@example.org', 'comment_date' => '2021-03-03 09:00:00',
    'comment_approved' => 0, 'comment_content' => 'My first comment, held for moderation.']);
comment($fold, ['comment_author' => 'Cheap Pills', 'comment_author_email' => 'pills@spam.example', 'comment_author_url' => 'http://spam.example',
    'comment_date' => '2021-03-03 10:00:00', 'comment_approved' => 'spam', 'comment_content' => 'Buy now http://spam.example']);
$trashedComment = comment($fold, ['comment_author' => 'Rude', 'comment_author_email' => 'rude@example.org', 'comment_date' => '2021-03-03 11:00:00',
    'comment_content' => 'You are all wrong.']);
comment($fold, ['comment_author' => 'Calm', 'comment_author_email' => 'calm@example.org', 'comment_date' => '2021-03-03 11:30:00',
    'comment_parent' => $trashedComment, 'comment_content' => 'Replying to a comment that will be trashed.']);
wp_trash_comment($trashedComment);
comment($fold, ['comment_author' => 'Empty', 'comment_author_email' => 'empty@example.org', 'comment_date' => '2021-03-03 12:00:00', 'comment_content' => '']);
comment($fold, ['comment_author' => 'Tech Blog', 'comment_author_url' => 'https://techblog.example/fold-roundup', 'comment_date' => '2021-03-04 08:00:00',
    'comment_type' => 'pingback', 'comment_author_IP' => '', 'comment_content' => '[&#8230;] The Old Gazette carried one for a year [&#8230;]']);
comment($fold, ['comment_author' => 'Other Site', 'comment_author_url' => 'https://other.example/t', 'comment_date' => '2021-03-04 09:00:00',
    'comment_type' => 'trackback', 'comment_author_IP' => '', 'comment_content' => 'A trackback excerpt.']);
comment($solar, ['comment_author' => 'Zoë Ünal', 'comment_author_email' => 'zoe@example.org', 'comment_date' => '2021-04-12 07:00:00',
    'comment_author_IP' => '2001:db8:1:2::7', 'comment_content' => "Ünïcödé, emoji 🚲 and a tab\tinside."]);

ob_start();
export_wp(['content' => 'all']);
$xml = ob_get_clean();
echo $xml;
// A copy of wp-content/uploads, for the importer's --uploads.
exec('cp -a ' . escapeshellarg($uploads) . ' ' . escapeshellarg($uploadsCopy));
