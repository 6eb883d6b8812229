"""The rate report's Excel template: an operator's report for a year as a workbook filled with
the current figures (the download is the export too), and the filled workbook imported back,
all or nothing, into the report's draft (`io.excel.indberetning` builds and reads the file)."""
