<?php
/*
 * Installs a fresh WordPress with WordPress's own installer and creates the people who post on a
 * course blog: the administrator (the teacher who set the blog up) and an Author (a student).
 * Each gets an application password, so the tests post over the REST API as that person and
 * WordPress applies its HTML filter exactly as it does for them.
 *
 * Usage: php install.php WORDPRESS_DIR   (prints the users and passwords as JSON)
 */
define('WP_INSTALLING', true);
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$admin_password = wp_generate_password(24, false);
$installed = wp_install('Course blog', 'teacher', 'teacher@example.org', true, '', $admin_password);
if (is_wp_error($installed) || empty($installed['user_id'])) {
    fwrite(STDERR, "wp_install failed\n");
    exit(1);
}
$author = wp_insert_user(array(
    'user_login' => 'student',
    'user_pass'  => wp_generate_password(24, false),
    'user_email' => 'student@example.org',
    'role'       => 'author',
));
if (is_wp_error($author)) {
    fwrite(STDERR, 'wp_insert_user failed: ' . $author->get_error_message() . "\n");
    exit(1);
}

$users = array();
foreach (array('teacher' => $installed['user_id'], 'student' => $author) as $login => $id) {
    $created = WP_Application_Passwords::create_new_application_password($id, array('name' => 'atlas tests'));
    if (is_wp_error($created)) {
        fwrite(STDERR, 'application password failed: ' . $created->get_error_message() . "\n");
        exit(1);
    }
    $user = get_userdata($id);
    $users[$login] = array(
        'id'             => $id,
        'password'       => $created[0],
        'roles'          => $user->roles,
        'unfiltered_html' => user_can($id, 'unfiltered_html'),
    );
}
echo json_encode(array('version' => get_bloginfo('version'), 'users' => $users)), "\n";
