"""The top floor: pages that join the capabilities (the start page and the area profile) and
the demo loading (load_demo). Nothing below imports it."""
