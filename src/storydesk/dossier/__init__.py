"""The story dossier: a cited summary and the reports (HTML, Markdown, JSON) built from a
story's articles, quote ledger, claims, conflicts, entities and timeline."""

from storydesk.dossier.report import report_dossier, write_report

__all__ = ["report_dossier", "write_report"]
