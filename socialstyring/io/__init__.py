"""Reading and writing files: case files, Excel/CSV, reports."""
