"""The Qt desktop client. It calls backoffice services only; the core never imports Qt."""
