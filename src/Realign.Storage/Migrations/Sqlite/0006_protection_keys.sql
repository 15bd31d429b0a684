-- The key ring of ASP.NET Core data protection, which seals the review UI's session cookies and antiforgery tokens, kept in
-- the store so every server on it reads the same keys and a restart signs nobody out (docs/review-ui.md, "Sessions").
-- Stored as the framework writes it. A session cookie holds its token, which the server checks on every request, so these
-- keys alone let nobody in.
CREATE TABLE protection_keys (
    name TEXT NOT NULL PRIMARY KEY,
    xml TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
