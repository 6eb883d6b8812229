"""The rulebook in the app: a secretariat keeps its agreement's rule values (and a national
administrator the national ones) — value, dates, source or assumption — layered over the
shipped YAML, validated by the rulebook's own model, with history; the web layer computes with
the effective rulebook (`selectors.gaeldende_regelbog`), and a layer downloads as rule files."""
