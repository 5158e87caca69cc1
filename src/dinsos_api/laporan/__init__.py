"""Reports: the LKIP Bab III tables, computed by kinerja_core, in JSON, XLSX, HTML and PDF."""
