package schema

// NewDocCache exposes the handler's document cache to the external tests,
// with Get, Put and Len below.
var NewDocCache = newDocCache

func (c *docCache) Get(query string) bool { return c.get(query) != nil }
func (c *docCache) Put(query string)      { c.put(query, &document{}) }
func (c *docCache) Len() int              { return c.len() }
