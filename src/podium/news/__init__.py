"""The news: facts (claims with their scope), the message catalogs that word them, the
stories written from them and the checker that re-derives them."""
