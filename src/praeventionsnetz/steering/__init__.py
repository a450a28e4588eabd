"""M5 steering: committees, meetings, the activity log, measures."""
