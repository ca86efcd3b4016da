vcl 4.1;

# PLACEHOLDER, to be replaced by the reference configuration of the CDN work
# (surrogate keys, stale pages while the app is down). It only lets
# `npm run cluster` start: one backend named app on port 3000 (the cluster
# script points it at its nodes), xkey purges from loopback.

import xkey;

backend app {
    .host = "127.0.0.1";
    .port = "3000";
    .probe = {
        .url = "/healthz";
        .interval = 1s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        return (synth(200, "Purged " + xkey.purge(req.http.xkey-purge) + " objects"));
    }
    if (req.url ~ "^/(admin|api/admin)(/|\?|$)") {
        return (pass);
    }
    unset req.http.Cookie;
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    set beresp.grace = 1d;
}
