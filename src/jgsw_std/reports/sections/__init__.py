"""The report's sections: each turns metric results, findings or records into plain data."""
