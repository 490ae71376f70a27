<?php
/*
 * PHP's built-in server in front of WordPress, doing what Apache's .htaccess does for it: files
 * that exist are served as they are, every other path goes to index.php (such as /favicon.ico,
 * which WordPress answers itself).
 */
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (file_exists($_SERVER['DOCUMENT_ROOT'] . $path)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['SCRIPT_FILENAME'];
