"""Reports and plan documents: content gathered from the database, rendered to PDF and Excel, signed off."""
