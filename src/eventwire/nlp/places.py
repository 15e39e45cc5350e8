"""eventwire_places: toponyms of a document, resolved at country level.

Each GPE/LOC entity that names a country becomes a Place with the country's ISO3 code and
GeoNames id. Writes `doc._.places` (list of Place).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..kb.countries import countries
from ..schema import Place

Doc.set_extension("places", default=None, force=True)

PLACE_LABELS = {"GPE", "LOC"}


class PlaceFinder:
    def __call__(self, doc: Doc) -> Doc:
        table = countries()
        places = []
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            country = table.country(ent.text)
            if country is None:
                continue
            places.append(Place(
                id=f"p{len(places) + 1}", text=ent.text, start=ent.start_char, end=ent.end_char,
                name=country.name, country=country.iso3, geonameid=country.geonameid, feature="country",
            ))
        doc._.places = places
        return doc


@Language.factory("eventwire_places")
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder()
