"""Where every standard stands on a date and what is due: AsOf, built once per run."""
