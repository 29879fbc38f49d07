; Comments hold TODO/FIXME notes for the comment parser.
((comment) @injection.content
  (#set! injection.language "comment"))
