<?php
/*
 * Plugin Name: Gazette benchmark: posting without the flood limit
 * Description: Loaded by bench/wordpress.sh (WPMU_PLUGIN_DIR). One client posts 200 comments in a row, which WordPress's
 * flood check refuses after the first (one comment per 15 seconds from an address). The check still runs, query and
 * all, but never refuses: as Gazette's rate limiter runs with its limits raised for the same measurement.
 */
add_filter('comment_flood_filter', '__return_false', 20);
