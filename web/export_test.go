package web

// Files exposes the embedded files (assets/ and templates/) to the external
// tests, which check that none of them loads anything from the network.
var Files = files
