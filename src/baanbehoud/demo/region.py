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
