"""Error lines are for people (B-9.4): a quote of a remote body is one line of text, about 300 characters at most,
with no markup and no secret (B-6.3)."""

from summit_connector.adapters.redaction import quoted

NGINX_502 = """<!DOCTYPE html>
<html>
<head><title>502 Bad Gateway</title>
<style>body { width: 35em; margin: 0 auto; }</style>
<script>if (a < b) { reload(); }</script>
</head>
<body>
<!-- upstream: summit-app-01 -->
<h1>502 Bad Gateway</h1>
<p>The server returned an invalid response &amp; the proxy gave up &mdash; try again.</p>
<hr><center>nginx/1.24.0</center>
</body>
</html>
"""


def test_an_html_page_becomes_its_text_on_one_line_b_9_4():
    assert quoted(NGINX_502) == (
        "502 Bad Gateway 502 Bad Gateway The server returned an invalid response & the proxy gave up — try again. "
        "nginx/1.24.0"
    )


def test_an_xml_fault_becomes_its_text_with_entities_decoded_b_9_4():
    fault = '<?xml version="1.0"?><s:Envelope><s:Body><s:Fault><faultstring xml:lang="en">Login &quot;failed&quot;' \
            "</faultstring></s:Fault></s:Body></s:Envelope>"

    assert quoted(fault) == 'Login "failed"'


def test_text_that_only_looks_like_markup_is_kept_b_9_4():
    text = "Errors: Priority must be <= 3, 0 < x > 9, List<3"

    assert quoted(text) == text


def test_a_long_page_is_cut_to_about_300_characters_b_9_4():
    page = "<html><body>" + "<p>Server Error in '/' Application.</p>\n" * 500 + "</body></html>"

    line = quoted(page)

    assert len(line) == 300
    assert line.endswith("…")
    assert "<" not in line


def test_a_secret_is_blanked_even_when_the_page_writes_it_with_entities_b_6_3():
    page = "<p>Invalid key K3Y-s3cr3t for user</p><p>Key: K3Y&#45;s3cr3t</p>"

    assert quoted(page, "K3Y-s3cr3t") == "Invalid key *** for user Key: ***"


def test_a_secret_beyond_what_is_read_is_still_never_cut_in_half_b_6_3():
    page = "<style>" + "x" * (64 * 1024 - 10) + "</style>K3Y-s3cr3t"

    assert "K3Y" not in quoted(page, "K3Y-s3cr3t")
