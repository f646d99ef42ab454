#!/usr/bin/env python3
"""Writes a large WordPress export (WXR 1.2, as WordPress 6 writes it) to standard output, for bench/import-wordpress.sh.

Usage: bench/make-wxr.py POSTS COMMENTS_PER_POST > big.xml

Each post has COMMENTS_PER_POST comments: a third top-level, the rest replies to an earlier comment of the same post,
40 to 110 words of text each (about 1 KB with its XML: 1,000,000 comments make a file of about 1 GB), a quarter in two paragraphs,
some quoting or with a link or markup (which take the full Markdown and sanitizer way), every tenth pending, every
fiftieth spam, every hundredth in the trash (its replies then go under a placeholder), IP addresses and e-mails as
WordPress keeps them. Deterministic: the same arguments give the same file.
"""
import random
import sys

def comment_text(rng, words, c):
    """40 to 110 words (about 400 characters; with its XML about 1 KB); some in two paragraphs, some quoting or linking, as readers write."""
    text = " ".join(rng.choice(words) for _ in range(rng.randint(40, 110)))
    if c % 4 == 1:
        cut = text.index(" ", len(text) // 2)
        text = text[:cut] + ".\n\n" + text[cut + 1:].capitalize()
    if c % 7 == 3:
        text = 'As the story said, "' + text + '"'
    if c % 10 == 5:
        text += f" More at https://example.org/reports/{c}?page=2 and <em>see</em> below."
    return text

def main():
    posts, per_post = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(13)
    words = ("the council said repair costs rose again this year while readers asked why the hinge fails "
             "after months in a pocket and whether the battery chart tells the whole story of solar roads").split()
    out = sys.stdout
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
      '\t<title>Big Old Gazette</title>\n\t<link>http://big-old.example</link>\n\t<language>en-US</language>\n'
      '\t<wp:wxr_version>1.2</wp:wxr_version>\n\t<wp:base_site_url>http://big-old.example</wp:base_site_url>\n'
      '\t<wp:base_blog_url>http://big-old.example</wp:base_blog_url>\n'
      '\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login>'
      '<wp:author_email><![CDATA[editor@big-old.example]]></wp:author_email><wp:author_display_name><![CDATA[The Editor]]></wp:author_display_name>'
      '<wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>\n'
      '\t<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename>'
      '<wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>\n')
    comment_id = 0
    for p in range(1, posts + 1):
        post_id = 1_000_000 + p
        day = 1 + p % 28
        month = 1 + p % 12
        slug = f"story-number-{p}"
        body = "\n\n".join(" ".join(rng.choice(words) for _ in range(60)) for _ in range(6))
        w(f'\t<item>\n\t\t<title><![CDATA[Story number {p}]]></title>\n'
          f'\t\t<link>http://big-old.example/2020/{month:02}/{day:02}/{slug}/</link>\n'
          f'\t\t<pubDate>Wed, {day:02} Jan 2020 10:00:00 +0000</pubDate>\n\t\t<dc:creator><![CDATA[editor]]></dc:creator>\n'
          f'\t\t<guid isPermaLink="false">http://big-old.example/?p={post_id}</guid>\n\t\t<description></description>\n'
          f'\t\t<content:encoded><![CDATA[{body}]]></content:encoded>\n\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n'
          f'\t\t<wp:post_id>{post_id}</wp:post_id>\n\t\t<wp:post_date><![CDATA[2020-{month:02}-{day:02} 10:00:00]]></wp:post_date>\n'
          f'\t\t<wp:post_date_gmt><![CDATA[2020-{month:02}-{day:02} 10:00:00]]></wp:post_date_gmt>\n'
          f'\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>\n'
          f'\t\t<wp:post_name><![CDATA[{slug}]]></wp:post_name>\n\t\t<wp:status><![CDATA[publish]]></wp:status>\n'
          f'\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n'
          f'\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n'
          f'\t\t<category domain="category" nicename="news"><![CDATA[News]]></category>\n')
        first = comment_id + 1
        for c in range(per_post):
            comment_id += 1
            parent = 0 if c % 3 == 0 or comment_id == first else rng.randint(first, comment_id - 1)
            approved = "spam" if c % 50 == 49 else "trash" if c % 100 == 98 else "0" if c % 10 == 9 else "1"
            text = comment_text(rng, words, c)
            minute = c % 60
            w(f'\t\t<wp:comment>\n\t\t\t<wp:comment_id>{comment_id}</wp:comment_id>\n'
              f'\t\t\t<wp:comment_author><![CDATA[Reader {comment_id % 5000}]]></wp:comment_author>\n'
              f'\t\t\t<wp:comment_author_email><![CDATA[reader{comment_id % 5000}@example.org]]></wp:comment_author_email>\n'
              f'\t\t\t<wp:comment_author_url></wp:comment_author_url>\n'
              f'\t\t\t<wp:comment_author_IP><![CDATA[203.0.113.{comment_id % 250}]]></wp:comment_author_IP>\n'
              f'\t\t\t<wp:comment_date><![CDATA[2020-{month:02}-{day:02} 11:{minute:02}:00]]></wp:comment_date>\n'
              f'\t\t\t<wp:comment_date_gmt><![CDATA[2020-{month:02}-{day:02} 11:{minute:02}:00]]></wp:comment_date_gmt>\n'
              f'\t\t\t<wp:comment_content><![CDATA[{text}]]></wp:comment_content>\n'
              f'\t\t\t<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>\n'
              f'\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>\n'
              f'\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n\t\t</wp:comment>\n')
        w('\t</item>\n')
    w('</channel>\n</rss>\n')

if __name__ == "__main__":
    main()
