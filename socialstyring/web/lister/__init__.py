"""Lists fit for people who live in Excel: the building block every list page is made of —
search, filters, sortable columns, paging and the Excel download of the rows shown
(`lister.liste`), with its templates and style. Shared like `faelles`; it knows no area."""
