"""The demo region: Midden-Utrecht as in Table 1 (§2.1.1) of the report."""

from baanbehoud.organisations.models import OrganisationKind
from baanbehoud.organisations.services import OrganisationSpec

REGION_NAME = "Midden-Utrecht"

ORGANISATIONS = (
    OrganisationSpec(
        "FW", "FermWerk", OrganisationKind.MUNICIPAL, ("Montfoort", "Oudewater", "Woerden")
    ),
    OrganisationSpec(
        "GSV", "Gemeente Stichtse Vecht", OrganisationKind.MUNICIPAL, ("Stichtse Vecht",)
    ),
    OrganisationSpec("GU", "Gemeente Utrecht", OrganisationKind.MUNICIPAL, ("Utrecht",)),
    OrganisationSpec(
        "RSD",
        "RSD Kromme Rijn Heuvelrug",
        OrganisationKind.MUNICIPAL,
        ("De Bilt", "Bunnik", "Wijk bij Duurstede", "Zeist", "Utrechtse Heuvelrug"),
    ),
    OrganisationSpec(
        "WIL",
        "Werk en Inkomen Lekstroom",
        OrganisationKind.MUNICIPAL,
        ("Houten", "Lopik", "IJsselstein", "Nieuwegein"),
    ),
    OrganisationSpec("UWV", "UWV Midden-Utrecht", OrganisationKind.UWV),
    OrganisationSpec("JCMU", "Jobcoach Midden-Utrecht", OrganisationKind.JOBCOACH),
)

# Rough population weights (thousands of inhabitants), so that Utrecht has most persons.
MUNICIPALITY_WEIGHTS = {
    "Utrecht": 370, "Nieuwegein": 64, "Zeist": 66, "Stichtse Vecht": 65, "Woerden": 53,
    "De Bilt": 43, "Houten": 50, "Utrechtse Heuvelrug": 50, "IJsselstein": 34,
    "Wijk bij Duurstede": 24, "Bunnik": 15, "Lopik": 15, "Montfoort": 14, "Oudewater": 10,
}  # fmt: skip

# Where each municipality's main town lies (latitude, longitude, rounded): the travel distance
# of a match (baanbehoud.matching).
MUNICIPALITY_PLACES = {
    "Utrecht": (52.0907, 5.1214), "Nieuwegein": (52.0292, 5.0806), "Zeist": (52.0894, 5.2331),
    "Stichtse Vecht": (52.1358, 5.0403), "Woerden": (52.0853, 4.8836),
    "De Bilt": (52.1100, 5.1806), "Houten": (52.0283, 5.1681),
    "Utrechtse Heuvelrug": (52.0333, 5.3417), "IJsselstein": (52.0200, 5.0433),
    "Wijk bij Duurstede": (51.9742, 5.3419), "Bunnik": (52.0667, 5.1986),
    "Lopik": (51.9722, 4.9472), "Montfoort": (52.0458, 4.9528), "Oudewater": (52.0250, 4.8681),
}  # fmt: skip
