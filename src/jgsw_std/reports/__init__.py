"""Writers: findings (text/json/github/...) and rendered reports."""
