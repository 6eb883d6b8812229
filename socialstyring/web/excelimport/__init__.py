"""The Excel import every area's upload shares: the upload page and form, and what an import
did (`resultat`). A shared layer on `faelles`, like `lister`: used by the areas, knowing none."""
