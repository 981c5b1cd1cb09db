"""Facts about Indonesian small and medium industry (IKM), extracted from news text.

A pure library: text in, facts out. It imports no Dagster, dbt or Great Expectations.

>>> from ikm_facts import extract_article
>>> facts = extract_article("IKM di Sulawesi Tengah mencapai 6.779 unit usaha.", doc="a.txt")
"""

from ikm_facts.extract import EXTRACTOR_VERSION, extract_article
from ikm_facts.records import to_records

__all__ = ["EXTRACTOR_VERSION", "extract_article", "to_records"]
