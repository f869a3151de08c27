"""The kwalificatiedossiers: national reference data, nobody's personal data."""

from app.models import Kerntaak, Werkproces
from app.privacy.registry import NoPersonalData, declare

declare(NoPersonalData(Kerntaak, "Reference data: a qualification's kerntaak (code, title)."))
declare(NoPersonalData(Werkproces, "Reference data: a qualification's werkproces (code, title)."))
