"""Rebuild examples/crawl.warc.gz, a tiny crawl of pages written for newsgraph's examples.

usage: python examples/build_warc.py
"""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGES = {
    "https://exemple.newsgraph.invalid/monde/visite-pekin": """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Le ministre brésilien des Affaires étrangères en visite à Pékin</title>
<meta name="date" content="2024-04-02"></head><body><nav>Accueil | Monde | Économie</nav><article>
<h1>Le ministre brésilien des Affaires étrangères en visite à Pékin</h1>
<p>PÉKIN – Le ministre brésilien des Affaires étrangères, Mauro Vieira, a rencontré mardi son homologue chinois Wang Yi à Pékin, où les deux hommes ont signé un accord de coopération sur les énergies renouvelables.</p>
<p>« La Chine est notre premier partenaire commercial et nous voulons aller plus loin », a déclaré M. Vieira à l’issue de l’entretien.</p>
<p>Wang Yi a pour sa part assuré que Pékin soutiendrait la candidature du Brésil à l’organisation d’un sommet sur le climat, selon l’agence Chine nouvelle.</p>
</article><footer>Partager Facebook Twitter</footer></body></html>""",
    "https://exemple.newsgraph.invalid/sport/marathon": """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Marathon de Paris : une édition record</title><meta name="date" content="2024-04-07"></head><body><article>
<h1>Marathon de Paris : une édition record</h1>
<p>Plus de cinquante-quatre mille coureurs ont pris dimanche le départ du marathon de Paris, un record pour l’épreuve, sous un soleil printanier.</p>
<p>« Je n’avais jamais vu autant de monde sur les Champs-Élysées », a raconté Julie Moreau, une infirmière lyonnaise qui courait son premier marathon.</p>
<p>Les organisateurs ont indiqué que l’édition 2025 serait limitée à cinquante mille participants pour des raisons de sécurité.</p>
</article></body></html>""",
}


def build(path: Path) -> None:
    """Write every page of PAGES as an HTTP response record, plus one non-HTML record."""
    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        for uri, html in PAGES.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=BytesIO(html.encode("utf-8")), http_headers=headers)
            writer.write_record(record)
        robots = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://exemple.newsgraph.invalid/robots.txt", "response",
                                           payload=BytesIO(b"User-agent: *\n"), http_headers=robots)
        writer.write_record(record)


if __name__ == "__main__":
    build(Path(__file__).with_name("crawl.warc.gz"))
