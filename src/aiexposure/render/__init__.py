"""Report formats: terminal text, markdown, JSON, HTML with its SVG charts, and the short message."""
