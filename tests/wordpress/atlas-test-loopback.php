<?php
/*
 * Plugin Name: Atlas tests: fetch from loopback
 * Description: TEST ONLY (a must-use plugin of the test WordPress). WordPress refuses to fetch
 * oEmbed data from loopback addresses and from ports other than 80, 443 and 8080; the atlas under
 * test is served on 127.0.0.1 and a random port, while the real atlas is on a public host.
 */
function atlas_test_is_loopback($host) {
    return in_array(strtolower((string) $host), array('127.0.0.1', 'localhost'), true);
}

add_filter('http_request_host_is_external', function ($external, $host) {
    return $external || atlas_test_is_loopback($host);
}, 10, 2);

add_filter('http_allowed_safe_ports', function ($ports, $host, $url) {
    $port = parse_url($url, PHP_URL_PORT);
    if ($port && atlas_test_is_loopback($host)) {
        $ports[] = (int) $port;
    }
    return $ports;
}, 10, 3);
