vcl 4.1;

# Dépêche behind Varnish 7 with the xkey vmod (Debian: varnish, varnish-modules).
#
# - Caches what the app marks cacheable, for as long as its Cache-Control
#   s-maxage says (a day when CDN_PURGE=varnish: every change purges it).
# - Tags each object with the app's surrogate keys (Surrogate-Key, copied into
#   the xkey header the vmod reads) and drops them on
#   `PURGE /` with an `xkey-purge: k1 k2 …` header, from the purgers acl only.
# - Keeps serving a stale copy while the app is down or failing: for a day
#   (stale-if-error), whether the health probe has noticed yet or not.
# - Passes the newsroom (/admin, /api/admin) and live pages' event streams untouched;
#   strips cookies elsewhere.
#
# Set the backend address to one app node (or add a director over several),
# and the purgers acl to the addresses of the nodes that run purges.

import std;
import xkey;

backend app {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .interval = 1s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Only a restart of our own asks for a stale copy (see vcl_synth).
    if (req.restarts == 0) {
        unset req.http.X-Depeche-Stale;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "An xkey-purge header is required"));
        }
        set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.X-Purged + " objects"));
    }

    # The newsroom: sessions, CSRF tokens and drafts are never cached.
    if (req.url ~ "^/(admin|api/admin)(/|\?|$)") {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A live page's event stream (Server-Sent Events, /<edition>/<section>/<slug>/events): every reader
    # has their own, never cached and never queued behind another reader's request for the same address.
    if (req.url ~ "^/[^/?]+/[^/?]+/[^/?]+/events(\?|$)") {
        return (pass);
    }

    # Reader pages, feeds, sitemaps, the Content API, oEmbed, media and assets read no cookie.
    unset req.http.Cookie;

    # Stale copies: a minute past their time while the app answers (it is fetched
    # again in the background), the whole grace (a day) while it does not.
    if (req.http.X-Depeche-Stale || !std.healthy(req.backend_hint)) {
        set req.grace = 24h;
    } else {
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # A failing app never replaces a good copy: the client side serves the stale one.
    if (beresp.status >= 500) {
        return (abandon);
    }
    # Outside the newsroom the app sets no cookie; a response that would is not shared.
    unset beresp.http.Set-Cookie;
    # What the app does not mark cacheable is not kept (Varnish would otherwise keep it two minutes).
    if (!beresp.http.Cache-Control) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The xkey vmod reads the xkey header; the app sends it with CDN_KEY_HEADER=xkey, and Surrogate-Key always.
    if (!beresp.http.xkey && beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Varnish takes the lifetime from s-maxage; the grace from stale-if-error (a day when absent).
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 1d);
    } else {
        set beresp.grace = 1d;
    }
}

sub vcl_backend_error {
    # The app is unreachable: the client side looks for a stale copy (vcl_synth).
    return (abandon);
}

sub vcl_synth {
    # A fetch that failed (app down, or answering 5xx): once, look again, taking any stale copy.
    if (resp.status == 503 && req.restarts == 0 && (req.method == "GET" || req.method == "HEAD") && !req.http.X-Depeche-Stale) {
        set req.http.X-Depeche-Stale = "1";
        return (restart);
    }
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        if (obj.ttl < 0s) {
            set resp.http.X-Cache = "HIT-STALE";
        } else {
            set resp.http.X-Cache = "HIT";
        }
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for this cache, not for readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
