"""Operations (drift): a consistent backup of the whole database and its restore into an empty
one (`socialstyring drift backup` / `socialstyring drift gendan`)."""
