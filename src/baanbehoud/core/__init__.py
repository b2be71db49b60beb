"""What every app's pages share and that knows none of the apps: roles and page gates
(`access`), who sees which part of a file (`disclosure`), the request type (`http`), form
helpers (`forms`) and API helpers (`rest`). It sits just above `organisations` and `audit`."""
