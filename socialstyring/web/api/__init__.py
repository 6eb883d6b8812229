"""The JSON API (`/api/v1/`): the register, the catalogue, rates with their trace, occupancy and
the rate report, read and written through the same selectors, services and access rules as
the pages, for a user who authenticates with a personal token (`ApiNoegle`,
`Authorization: Bearer …`). Errors are problem details (RFC 9457). See docs/api.md."""
