"""Place names: what a "where / which country / which city" question is answered by.

A small offline gazetteer (UN Member and observer States, their capitals, and the cities that
usually host UN meetings and conferences) instead of a named-entity model: nothing to download, and
the resolutions name places in their plain English form. Matched case-sensitively on word
boundaries, so "Chad" the country is found and "chad" is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["PLACE_NAMES", "mentions_place", "places_named", "places_in_question", "places_in_question_spans", "related_places",
           "nearest_place"]

_STATES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
Bosnia and Herzegovina|Botswana|Brazil|Brunei Darussalam|Brunei|Bulgaria|Burkina Faso|Burundi|Cabo Verde|
Cape Verde|Cambodia|Cameroon|Canada|Central African Republic|Chad|Chile|China|Colombia|Comoros|Congo|
Costa Rica|Côte d'Ivoire|Cote d'Ivoire|Croatia|Cuba|Cyprus|Czechia|Czech Republic|
Democratic People's Republic of Korea|Democratic Republic of the Congo|Denmark|Djibouti|Dominica|
Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Swaziland|
Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|
Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|
Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kuwait|Kyrgyzstan|Lao People's Democratic Republic|Laos|
Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|
Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Monaco|Mongolia|Montenegro|
Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|
North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|
Portugal|Qatar|Republic of Korea|Korea|Republic of Moldova|Moldova|Romania|Russian Federation|Russia|
Rwanda|Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|
Sao Tome and Principe|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|
Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|
Syrian Arab Republic|Syria|Tajikistan|Thailand|Timor-Leste|Togo|Tonga|Trinidad and Tobago|Tunisia|
Türkiye|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|
United Republic of Tanzania|Tanzania|United States of America|United States|Uruguay|Uzbekistan|
Vanuatu|Venezuela|Viet Nam|Vietnam|Yemen|Zambia|Zimbabwe|Holy See|State of Palestine|Palestine|Kosovo|
Taiwan|Western Sahara|Greenland|Puerto Rico|Hong Kong|Macao
"""

_REGIONS = """
Africa|Asia|Europe|Latin America|the Caribbean|Caribbean|Oceania|the Pacific|Middle East|
Central Asia|South Asia|South-East Asia|Southeast Asia|West Africa|East Africa|Central Africa|
Southern Africa|North Africa|Great Lakes region|Sahel|Horn of Africa|Balkans|Arctic|Antarctica|
Mediterranean|Latin America and the Caribbean|Kashmir
"""

# City -> its country: "held in Mongolia?" is answered by "adopted in Ulaanbaatar" and the other way round.
_CITY_COUNTRY = """
Afghanistan:Kabul|Albania:Tirana|Algeria:Algiers|Andorra:Andorra la Vella|Angola:Luanda|Antigua and Barbuda:Saint John's|
Argentina:Buenos Aires|Armenia:Yerevan|Australia:Canberra|Austria:Vienna|Azerbaijan:Baku|Bahamas:Nassau|Bahrain:Manama|
Bangladesh:Dhaka|Barbados:Bridgetown|Belarus:Minsk|Belgium:Brussels|Belize:Belmopan|Benin:Porto-Novo|Benin:Cotonou|
Bhutan:Thimphu|Bolivia:La Paz|Bolivia:Sucre|Bosnia and Herzegovina:Sarajevo|Botswana:Gaborone|Brazil:Brasilia|Brazil:Brasília|
Brazil:Rio de Janeiro|Brazil:Belém|Brazil:Belem|Brunei Darussalam:Bandar Seri Begawan|Bulgaria:Sofia|Burkina Faso:Ouagadougou|
Burundi:Gitega|Burundi:Bujumbura|Cabo Verde:Praia|Cambodia:Phnom Penh|Cameroon:Yaoundé|Cameroon:Yaounde|Canada:Ottawa|Canada:Montreal|
Central African Republic:Bangui|Chad:N'Djamena|Chile:Santiago|China:Beijing|Colombia:Bogotá|Colombia:Bogota|
Colombia:Cartagena|Comoros:Moroni|Congo:Brazzaville|Costa Rica:San José|Costa Rica:San Jose|Côte d'Ivoire:Yamoussoukro|Côte d'Ivoire:Abidjan|
Croatia:Zagreb|Cuba:Havana|Cyprus:Nicosia|Czechia:Prague|Democratic People's Republic of Korea:Pyongyang|
Democratic Republic of the Congo:Kinshasa|Democratic Republic of the Congo:Goma|Democratic Republic of the Congo:Bukavu|
Democratic Republic of the Congo:Kisangani|Democratic Republic of the Congo:Ituri|Democratic Republic of the Congo:Kivu|Democratic Republic of the Congo:North Kivu|
Democratic Republic of the Congo:South Kivu|
Democratic Republic of the Congo:Katanga|Denmark:Copenhagen|Djibouti:Djibouti|Dominica:Roseau|
Dominican Republic:Santo Domingo|Ecuador:Quito|Egypt:Cairo|Egypt:Sharm el-Sheikh|El Salvador:San Salvador|
Equatorial Guinea:Malabo|Eritrea:Asmara|Estonia:Tallinn|Eswatini:Mbabane|Ethiopia:Addis Ababa|Fiji:Suva|Finland:Helsinki|
France:Paris|France:Lyon|France:Strasbourg|Gabon:Libreville|Gambia:Banjul|Georgia:Tbilisi|Germany:Berlin|Germany:Bonn|
Ghana:Accra|Greece:Athens|Grenada:Saint George's|Guatemala:Guatemala City|Guinea:Conakry|Guinea-Bissau:Bissau|
Guyana:Georgetown|Haiti:Port-au-Prince|Honduras:Tegucigalpa|Hungary:Budapest|Iceland:Reykjavik|India:New Delhi|India:Delhi|
India:Hyderabad|Indonesia:Jakarta|Indonesia:Bali|Iran:Tehran|Iraq:Baghdad|Ireland:Dublin|Israel:Jerusalem|Israel:Tel Aviv|
Italy:Rome|Jamaica:Kingston|Japan:Tokyo|Japan:Kyoto|Japan:Osaka|Japan:Sendai|Japan:Kobe|Japan:Hyogo|Japan:Yokohama|
Japan:Nagoya|Japan:Aichi|Jordan:Amman|Kazakhstan:Astana|Kazakhstan:Almaty|Kenya:Nairobi|Kiribati:Tarawa|Kuwait:Kuwait City|
Kyrgyzstan:Bishkek|Lao People's Democratic Republic:Vientiane|Latvia:Riga|Lebanon:Beirut|Lesotho:Maseru|Liberia:Monrovia|
Libya:Tripoli|Liechtenstein:Vaduz|Lithuania:Vilnius|Luxembourg:Luxembourg|Madagascar:Antananarivo|Malawi:Lilongwe|
Malaysia:Kuala Lumpur|Maldives:Malé|Mali:Bamako|Malta:Valletta|Marshall Islands:Majuro|Mauritania:Nouakchott|
Mauritius:Port Louis|Mexico:Mexico City|Mexico:Monterrey|Mexico:Cancún|Mexico:Cancun|Micronesia:Palikir|Monaco:Monaco|
Mongolia:Ulaanbaatar|Mongolia:Ulan Bator|Montenegro:Podgorica|Morocco:Rabat|Morocco:Marrakech|Morocco:Marrakesh|
Mozambique:Maputo|Myanmar:Naypyidaw|Myanmar:Yangon|Namibia:Windhoek|Nauru:Yaren|Nepal:Kathmandu|Netherlands:Amsterdam|
Netherlands:The Hague|New Zealand:Wellington|Nicaragua:Managua|Niger:Niamey|Nigeria:Abuja|Nigeria:Lagos|
North Macedonia:Skopje|Norway:Oslo|Oman:Muscat|Pakistan:Islamabad|Palau:Ngerulmud|Panama:Panama City|
Papua New Guinea:Port Moresby|Paraguay:Asunción|Paraguay:Asuncion|Peru:Lima|Philippines:Manila|Poland:Warsaw|
Poland:Katowice|Portugal:Lisbon|Qatar:Doha|Republic of Korea:Seoul|Republic of Korea:Busan|Republic of Moldova:Chisinau|
Romania:Bucharest|Russian Federation:Moscow|Rwanda:Kigali|Saint Kitts and Nevis:Basseterre|Saint Lucia:Castries|
Saint Vincent and the Grenadines:Kingstown|Samoa:Apia|San Marino:San Marino|Sao Tome and Principe:Sao Tome|
Saudi Arabia:Riyadh|Senegal:Dakar|Serbia:Belgrade|Seychelles:Victoria|Sierra Leone:Freetown|Singapore:Singapore|
Slovakia:Bratislava|Slovenia:Ljubljana|Solomon Islands:Honiara|Somalia:Mogadishu|South Africa:Pretoria|
South Africa:Cape Town|South Africa:Johannesburg|South Africa:Durban|South Sudan:Juba|Spain:Madrid|Spain:Barcelona|
Spain:Seville|Spain:Sevilla|Sri Lanka:Colombo|Sudan:Khartoum|Sudan:Darfur|Suriname:Paramaribo|Sweden:Stockholm|
Switzerland:Bern|Switzerland:Geneva|Switzerland:Davos|Syrian Arab Republic:Damascus|Tajikistan:Dushanbe|Thailand:Bangkok|
Timor-Leste:Dili|Togo:Lomé|Togo:Lome|Tonga:Nuku'alofa|Trinidad and Tobago:Port of Spain|Tunisia:Tunis|Türkiye:Ankara|
Türkiye:Istanbul|Turkmenistan:Ashgabat|Turkmenistan:Awaza|Tuvalu:Funafuti|Uganda:Kampala|Ukraine:Kyiv|Ukraine:Kiev|
Ukraine:Zaporizhzhia|Ukraine:Chornobyl|Ukraine:Chernobyl|Ukraine:Crimea|Ukraine:Donbas|United Arab Emirates:Abu Dhabi|
United Arab Emirates:Dubai|United Kingdom:London|United Kingdom:Edinburgh|United Kingdom:Glasgow|
United Republic of Tanzania:Dodoma|United Republic of Tanzania:Dar es Salaam|United Republic of Tanzania:Arusha|
United States of America:Washington|United States of America:New York|Uruguay:Montevideo|Uruguay:Punta del Este|
Uzbekistan:Tashkent|Uzbekistan:Samarkand|Vanuatu:Port Vila|Venezuela:Caracas|Viet Nam:Hanoi|Yemen:Sana'a|Yemen:Sanaa|
Zambia:Lusaka|Zimbabwe:Harare|State of Palestine:Ramallah|State of Palestine:Gaza|Japan:Fukushima|Egypt:Sharm el-Sheikh
"""
# A state's short name -> the name resolutions use.
_ALIASES = """
Cape Verde:Cabo Verde|Cote d'Ivoire:Côte d'Ivoire|Czech Republic:Czechia|Swaziland:Eswatini|Laos:Lao People's Democratic Republic|
Korea:Republic of Korea|Moldova:Republic of Moldova|Russia:Russian Federation|Syria:Syrian Arab Republic|Turkey:Türkiye|
Tanzania:United Republic of Tanzania|United States:United States of America|Vietnam:Viet Nam|Palestine:State of Palestine|
Brunei:Brunei Darussalam|DR Congo:Democratic Republic of the Congo
"""


def _pairs(block: str) -> list[tuple[str, str]]:
    out = []
    for item in block.replace("\n", "").split("|"):
        if ":" in item:
            a, b = item.split(":", 1)
            out.append((a.strip(), b.strip()))
    return out


@lru_cache(maxsize=1)
def _related() -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {}
    aliases = _pairs(_ALIASES)
    canonical = {short.lower(): full for short, full in aliases}
    for country, city in _pairs(_CITY_COUNTRY):
        related.setdefault(country.lower(), set()).add(city)
        related.setdefault(city.lower(), set()).add(country)
    for short, full in aliases:
        related.setdefault(short.lower(), set()).add(full)
        related.setdefault(full.lower(), set()).add(short)
        related[short.lower()] |= {c for c in related.get(full.lower(), set()) if c.lower() != short.lower()}
    for name in list(related):
        full = canonical.get(name)
        if full:
            related[name].add(full)
    return {k: frozenset(v) for k, v in related.items()}


def related_places(name: str) -> frozenset[str]:
    """The cities of a country, the country of a city, a state's other names ("Qatar" -> {"Doha"})."""
    return _related().get(name.lower(), frozenset())


@lru_cache(maxsize=1)
def _nearest() -> dict[str, str]:
    nearest: dict[str, str] = {}
    for country, city in _pairs(_CITY_COUNTRY):
        nearest.setdefault(country.lower(), city)  # a country's first city listed is its capital
        nearest.setdefault(city.lower(), country)
    for short, full in _pairs(_ALIASES):
        nearest.setdefault(short.lower(), full)
    return nearest


def nearest_place(name: str) -> str | None:
    """One other name for a place, for query expansion: a country's capital, a city's country, a
    state's official name ("Mongolia" -> "Ulaanbaatar", "Doha" -> "Qatar", "Russia" -> "Russian
    Federation")."""
    return _nearest().get(name.lower())


def _names(block: str) -> frozenset[str]:
    return frozenset(n.strip() for n in block.replace("\n", "").split("|") if n.strip())


PLACE_NAMES: frozenset[str] = (_names(_STATES) | _names(_REGIONS)
                               | {n for pair in _pairs(_CITY_COUNTRY) + _pairs(_ALIASES) for n in pair})


@lru_cache(maxsize=2)
def _pattern(ignore_case: bool) -> re.Pattern[str]:
    names = sorted(PLACE_NAMES, key=len, reverse=True)  # longest first: "South Sudan" before "Sudan"
    flags = re.I if ignore_case else 0
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", flags)


def mentions_place(text: str, ignore_case: bool = False) -> bool:
    """Whether text names a country, capital, conference city or region. Resolutions capitalise
    names (so case counts there); a typed question may not (ignore_case)."""
    return _pattern(ignore_case).search(text) is not None


def places_named(text: str, ignore_case: bool = False) -> list[str]:
    """The place names in text, in order ("in Doha and Manila" -> ["Doha", "Manila"])."""
    return [m.group(0) for m in _pattern(ignore_case).finditer(text)]


def places_in_question_spans(question: str) -> list[re.Match[str]]:
    """Place names a user typed, as matches. Case counts ("Turkey" the country, "turkey" the bird)
    unless the question was typed all in lower case, where case tells nothing."""
    return list(_pattern(question == question.lower()).finditer(question))


def places_in_question(question: str) -> list[str]:
    """The place names of places_in_question_spans."""
    return [m.group(0) for m in places_in_question_spans(question)]
