"""The page families, one module each: `routes(site)` is its router (see `podium.web.site`)."""
