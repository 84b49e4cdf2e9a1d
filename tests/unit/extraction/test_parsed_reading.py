"""Extraction 2.0: roles from the dependency parse, the world gazetteer, article furniture.

Each sentence is written for the rule it tests, in the wording of wire copy from several wars.
"""

from __future__ import annotations

from typing import Any

from sitrep_testing.extractor import loaded_extractor

from .conftest import claims_of


def _control(text: str) -> list[dict[str, Any]]:
    return [c["data"] for c in claims_of(text) if c["type"] == "sitrep.control.claimed"]


def test_a_subordinate_clause_keeps_its_own_subject() -> None:
    (claim,) = _control("Rebels lost ground as government troops took the town of Tal Abyad.")
    assert claim["actor"]["mention"] == "government troops"
    assert claim["actor"]["actor_type"] == "state_forces"
    assert claim["place"]["name"] == "Tall Abyad"


def test_conjoined_verbs_share_their_subject() -> None:
    claims = _control("Malian troops entered and captured the town of Kidal on Tuesday.")
    assert {c["action"] for c in claims} == {"entered", "captured"}
    assert {c["actor"]["actor_id"] for c in claims} == {"mil:ml"}
    assert {c["place"]["country"] for c in claims} == {"ML"}


def test_a_passive_takes_its_agent_as_the_actor() -> None:
    (claim,) = _control("The town of Baidoa was captured by al-Shabaab militants on Monday.")
    assert claim["actor"]["actor_id"] == "al_shabaab"
    assert claim["place"]["place_id"] == "geonames:64536"
    assert claim["acled_sub_event_type"] == "Non-state actor overtakes territory"


def test_a_relative_clause_takes_the_noun_it_describes() -> None:
    claims = _control(
        "ISWAP fighters, who stormed the town of Gwoza last month, have withdrawn from it."
    )
    stormed = next(c for c in claims if c["action"] == "captured")
    assert stormed["actor"]["actor_id"] == "iswap"


def test_a_dateline_is_context_never_the_place_of_a_claim() -> None:
    (claim,) = _control(
        "MOGADISHU, Somalia (AP) — Al-Shabaab fighters seized the town of Baidoa on Friday."
    )
    assert claim["place"]["name"] == "Baidoa"


def test_bylines_and_captions_carry_no_claims() -> None:
    assert claims_of("By Ahmed Hassan") == []
    assert claims_of("Photo: Soldiers of the Malian army captured in Gao.") == []


def test_a_town_outside_iraq_and_syria_is_resolved_with_coordinates() -> None:
    (claim,) = _control("Russian troops captured the city of Kramatorsk after weeks of fighting.")
    place = claim["place"]
    assert place["country"] == "UA" and place["resolved"]
    assert place["lat"] is not None and place["lon"] is not None
    assert claim["actor"]["actor_id"] == "mil:ru"


def test_a_name_with_many_namesakes_and_no_context_stays_ambiguous() -> None:
    (claim,) = _control("The Northern Liberation Brigade captured the village of Springfield.")
    place = claim["place"]
    assert not place["resolved"] and place["place_id"] is None
    assert len(place["candidates"]) > 1


def test_an_unknown_organisation_stays_an_unresolved_actor_with_its_text() -> None:
    (claim,) = _control("The Northern Liberation Brigade captured the village of Springfield.")
    actor = claim["actor"]
    assert actor["actor_id"] is None and not actor["resolved"]
    assert "Northern Liberation Brigade" in actor["mention"]


def test_the_world_index_knows_places_and_divisions_by_their_usual_spellings() -> None:
    world = loaded_extractor().world
    assert world.lookup("Al Fashir")[0].name == "El Fasher"
    assert world.lookup("North Darfur")[0].feature_type == "province"
    assert {p.country for p in world.lookup("Donetsk oblast")} == {"UA"}
    assert all(p.lat is not None for p in world.lookup("Bakhmut"))


def _allegations(text: str) -> list[dict[str, Any]]:
    return [c["data"] for c in claims_of(text) if c["type"] == "sitrep.allegation.reported"]


def test_the_one_blamed_for_an_act_is_its_perpetrator() -> None:
    (claim,) = _allegations("Officials blamed Boko Haram for killing 30 villagers in Baga.")
    assert claim["perpetrator"]["actor_id"] == "boko_haram"
    assert claim["counts"]["killed"]["best"] == 30


def test_a_toll_in_two_parts_is_summed_and_each_number_keeps_its_own_verb() -> None:
    (summed,) = _allegations(
        "Militants attacked the base in Gao; 12 soldiers and seven civilians were killed."
    )
    assert summed["counts"]["killed"]["best"] == 19
    (split,) = _allegations(
        "A car bomb in Mogadishu killed at least 24 people and wounded 40, police said."
    )
    assert split["counts"]["killed"]["best"] == 24
    assert split["counts"]["injured"]["best"] == 40


def test_a_number_of_attacks_is_no_number_of_victims() -> None:
    (claim,) = _allegations("Two separate explosions in Kirkuk killed at least 15 people.")
    assert claim["counts"]["killed"]["best"] == 15


def test_the_town_named_before_is_the_place_of_a_later_claim_about_the_town() -> None:
    claims = _control(
        "Shabab fighters attacked El Wak on Friday. Witnesses said the militants now control "
        "the town."
    )
    held = next(c for c in claims if c["action"] == "present")
    assert held["place"]["mention"] == "El Wak"


def test_a_generic_actor_keeps_the_words_that_say_whose_it_is() -> None:
    (claim,) = _control("Libyan rebels captured the strategic town of Ajdabiya.")
    assert claim["actor"]["mention"] == "Libyan rebels"


def test_a_held_town_named_after_its_holder_is_the_object() -> None:
    (claim,) = _control("Kenyan troops have surrounded the militant-held town of Garissa.")
    assert claim["action"] == "encircled"
    assert claim["place"]["name"] == "Garissa"


def test_the_town_takes_the_latest_named_place_that_is_a_town() -> None:
    claims = _control(
        "Troops have encircled the town of Bentiu in the state of Unity. "
        "Rebel fighters have occupied the town since March."
    )
    assert {c["place"]["name"] for c in claims} == {"Bentiu"}


def test_a_demonym_capital_is_the_country_capital() -> None:
    (claim,) = _control("Rwandan troops were heading towards the Congolese capital.")
    assert claim["action"] == "advanced_toward"
    assert claim["place"]["name"] == "Kinshasa"


def test_forced_out_of_is_an_expulsion() -> None:
    (claim,) = _control("Somali forces forced the militants out of Baidoa on Sunday.")
    assert claim["action"] == "captured"
    assert claim["actor"]["actor_id"] == "mil:so"
    assert claim["place"]["name"] == "Baidoa"


def test_an_armed_assault_on_a_town_is_an_armed_clash() -> None:
    (claim,) = _allegations("Russian tanks were attacking the town of Gori on Tuesday.")
    assert claim["allegation_type"] == "armed_clash"
    assert claim["perpetrator"]["actor_id"] == "mil:ru"
    assert claim["place"]["mention"] == "Gori"


def test_its_fighters_are_the_organisation_named_before() -> None:
    claims = _control("Al-Shabab said its fighters overran the town of Baidoa.")
    assert {c["actor"]["actor_id"] for c in claims} == {"al_shabaab"}


def test_suicide_bombers_are_attackers_not_an_air_force() -> None:
    (claim,) = _allegations("Two suicide bombers blew themselves up at a checkpoint in Kirkuk.")
    assert claim["allegation_type"] == "suicide_bombing"
    assert claim["perpetrator"]["actor_id"] == "gunmen"


def test_in_the_country_is_the_country_named_before() -> None:
    allegations = _allegations(
        "Abu Sayyaf militants operate on Jolo island in the Philippines.\n\n"
        "The group has been blamed for the worst bombings in the country."
    )
    assert allegations
    assert {a["place"]["country"] for a in allegations} == {"PH"}


def test_those_who_died_are_victims_not_perpetrators() -> None:
    allegations = _allegations("Some 30 Iraqi security forces died in the assault on Ramadi.")
    assert allegations
    assert all(a["perpetrator"] is None for a in allegations)


def test_a_police_raid_on_a_village_is_no_armed_clash() -> None:
    types = {a["allegation_type"] for a in _allegations("Police raided a village near Kabul.")}
    assert "armed_clash" not in types


def test_a_town_the_lede_leaves_unnamed_is_the_one_the_next_paragraph_names() -> None:
    claims = _control(
        "Malian troops have retaken a strategic northern town.\n\n"
        "Army officials said soldiers entered Menaka on Sunday after the militants fled."
    )
    lede = next(c for c in claims if c["provenance"]["paragraph_index"] == 0)
    assert lede["place"]["mention"] == "Menaka"


def test_a_place_further_on_locates_an_indefinite_town_but_does_not_name_it() -> None:
    claims = _control(
        "Government forces have ousted rebels from a southern town on the road from Gao."
    )
    assert claims
    assert all(c["place"]["name"] != "Gao" for c in claims)


def test_launching_an_offensive_is_an_armed_clash_by_its_subject() -> None:
    (claim,) = _allegations("The Sri Lankan Army launched an attack on Kilinochchi on Friday.")
    assert claim["allegation_type"] == "armed_clash"
    assert claim["perpetrator"]["actor_id"] == "mil:lk"
    assert claim["place"]["name"] == "Kilinochchi"


def test_a_country_that_wages_war_stands_for_its_armed_forces() -> None:
    (claim,) = _allegations("Pakistan launched a major offensive in and around Swat.")
    assert claim["perpetrator"]["actor_id"] == "mil:pk"
    assert claim["place"]["name"] == "Swat"


def test_an_offensive_launched_to_free_a_province_is_no_clash_yet() -> None:
    claims = _allegations("Iraqi forces launched a major offensive to free Anbar province.")
    assert all(c["allegation_type"] != "armed_clash" for c in claims)


def test_after_entering_shares_the_subject_of_the_main_clause() -> None:
    claims = _control("After entering the town of Gao, the rebels attacked the army base.")
    entered = next(c for c in claims if c["action"] == "entered")
    assert entered["actor"]["actor_id"] == "rebels"


def test_its_missiles_belong_to_the_army_that_says_so() -> None:
    (claim,) = _allegations(
        "The Russian military claimed its missiles struck 20 military targets in Ukraine."
    )
    assert claim["perpetrator"]["actor_id"] == "mil:ru"


def test_a_province_named_through_its_country_is_the_place() -> None:
    (claim,) = _allegations(
        "A Taliban attack killed seven policemen in Afghanistan's southeastern province of Ghazni."
    )
    assert claim["place"]["name"] == "Ghazni"


def test_accused_of_bombing_names_the_perpetrator() -> None:
    (claim,) = _allegations(
        "Houthi officials accused the Saudi-led coalition of bombing civilian areas in Sanaa."
    )
    assert claim["perpetrator"]["actor_id"] == "saudi_coalition"


def test_a_strategic_city_is_the_one_a_later_claim_names() -> None:
    claims = _control(
        "Georgia says Russian tanks rolled into a strategic city. Moscow said some of its "
        "soldiers went into the Georgian city of Gori."
    )
    assert {c["place"]["mention"] for c in claims} == {"Gori"}


def test_the_city_is_the_latest_town_not_the_latest_capital() -> None:
    claims = _control(
        "Officials in Moscow spoke on Monday.\n\n"
        "They have no forces in Gori, but some Russians went into the city on Tuesday."
    )
    entered = next(c for c in claims if c["action"] == "entered")
    assert entered["place"]["mention"] == "Gori"


def test_residents_who_tell_of_fighting_do_not_make_it_communal() -> None:
    (clash,) = _allegations("Local residents say heavy fighting erupted late Friday in Kidal.")
    assert clash["allegation_type"] == "armed_clash"


def test_fighting_with_fighters_holed_up_in_the_village_is_in_that_village() -> None:
    claims = claims_of(
        "Taliban fighters captured the village of Musa Qala.\n\n"
        "Residents say heavy fighting erupted late Friday with Taliban fighters still holed "
        "up inside the village."
    )
    (clash,) = [c["data"] for c in claims if c["data"].get("allegation_type") == "armed_clash"]
    assert clash["place"]["mention"] == "Musa Qala"


def test_fighting_that_continues_is_an_armed_clash() -> None:
    (clash,) = _allegations("Vicious fighting continued in Mogadishu for a second day.")
    assert clash["allegation_type"] == "armed_clash"


def test_a_town_the_model_takes_for_a_people_is_still_captured() -> None:
    (claim,) = _control("Government forces captured Kidal.")
    assert claim["place"]["name"] == "Kidal"


def test_the_first_toll_of_a_joined_pair_counts_with_the_last() -> None:
    (claim,) = _allegations(
        "Officials say one government soldier and four militants were killed in an "
        "al-Shabab attack in the town of Hosingow."
    )
    assert claim["counts"]["killed"]["best"] == 5


def test_a_governor_and_seven_policemen_are_eight_dead() -> None:
    (claim,) = _allegations(
        "A Taliban attack has killed a district governor and seven police personnel in Ghazni."
    )
    assert claim["counts"]["killed"]["best"] == 8


def test_a_named_person_killed_is_one_death() -> None:
    (claim,) = _allegations("Houthi rebels say former president Ali Abdullah Saleh was killed.")
    assert claim["counts"]["killed"]["best"] == 1


def test_one_us_soldier_killed_and_two_others_wounded() -> None:
    (claim,) = _allegations(
        "One U.S. soldier was killed and two others wounded by a roadside bomb in Baghdad."
    )
    assert claim["counts"]["killed"]["best"] == 1
    assert claim["counts"]["injured"]["best"] == 2


def test_troops_pounding_rebel_positions_are_shelling_them() -> None:
    (claim,) = _allegations("The Syrian army has been pounding rebel positions in Yabroud.")
    assert claim["allegation_type"] == "shelling"
    assert claim["perpetrator"]["actor_id"] == "saa"


def test_forces_battling_rebels_are_in_an_armed_clash() -> None:
    (claim,) = _allegations("Ethiopian forces have been battling Tigrayan rebels near Shire.")
    assert claim["allegation_type"] == "armed_clash"


def test_a_group_of_assailants_is_the_perpetrator_not_their_uniforms() -> None:
    (claim,) = _allegations(
        "In the attack in Akobo county, a group of assailants, some dressed in military "
        "uniform, targeted members of the Lou Nuer community."
    )
    assert claim["perpetrator"]["actor_id"] == "gunmen"


def test_the_capture_that_will_allow_something_has_happened() -> None:
    (claim,) = _control(
        "A spokesman said the capture of Yabroud will allow the army to cut rebel supply lines."
    )
    assert claim["action"] == "captured"
    assert claim["modality"] != "future"


def test_the_battle_for_a_city_that_will_be_fierce_is_still_to_come() -> None:
    assert _control("Strategists say the battle for Raqqa will be fierce and protracted.") == []


def test_a_government_that_bombs_is_its_state_forces() -> None:
    (claim,) = _allegations(
        "Witnesses say the government has begun shelling villages near Kadugli."
    )
    assert claim["perpetrator"]["mention"] == "the government"
    assert claim["perpetrator"]["actor_type"] == "state_forces"


def test_the_attack_a_verb_tells_of_is_done_by_the_verbs_subject_not_its_victims() -> None:
    (claim,) = _allegations(
        "The insurgents' radio claimed the group killed 20 Kenyan soldiers in the attack."
    )
    perpetrator = claim["perpetrator"]
    assert perpetrator is None or "soldiers" not in perpetrator["mention"]


def test_a_group_named_by_its_leader_keeps_the_leader_in_its_mention() -> None:
    (claim,) = _allegations(
        "Local officials blamed militiamen led by Ali Kushayb for killing 40 villagers."
    )
    assert claim["perpetrator"]["mention"] == "militiamen led by Ali Kushayb"


def test_a_state_named_with_its_noun_is_found_in_the_world_gazetteer() -> None:
    (claim,) = _allegations("Gunmen killed 12 villagers in Zamfara state on Sunday.")
    assert claim["place"]["name"] == "Zamfara"
    assert claim["place"]["country"] == "NG"
    assert claim["place"]["feature_type"] == "province"


def test_a_place_that_begins_an_organisations_name_is_not_where_it_fought() -> None:
    (claim,) = _allegations(
        "Tigray Defense Forces fighters clashed with government troops on Monday."
    )
    assert claim["place"] is None


def test_a_country_that_qualifies_its_police_is_not_the_place_of_the_attack() -> None:
    (claim,) = _allegations("Kenya police said gunmen killed four people overnight.")
    assert claim["place"] is None


def test_forces_moving_on_a_town_advance_toward_it() -> None:
    (claim,) = _control("Rebel columns were moving on the next big town, Kidal, on Sunday.")
    assert claim["action"] == "advanced_toward"
    assert claim["place"]["name"] == "Kidal"


def test_troops_that_left_the_country_withdrew_from_the_latest_country_named() -> None:
    claims = _control(
        "Attacks in Mali have grown. They began after French troops left the country in 2022."
    )
    (claim,) = [c for c in claims if c["action"] == "withdrew"]
    assert claim["place"]["country"] == "ML"
    assert claim["place"]["feature_type"] == "country"


def test_a_parked_car_that_exploded_was_a_car_bomb() -> None:
    (claim,) = _allegations("A parked car exploded outside a police station in Kirkuk.")
    assert claim["allegation_type"] == "explosive_device"


def test_a_hospitals_name_is_not_the_place_the_neighbourhood_is() -> None:
    (claim,) = _allegations(
        "A bomb exploded near the Al-Kindi hospital in the central Adhamiya neighborhood."
    )
    assert "Adhamiya" in claim["place"]["mention"]


def test_a_town_in_a_country_is_the_place_not_the_country() -> None:
    (claim,) = _allegations(
        "Residents in the besieged town of Kauda in southern Sudan said warplanes bombed it."
    )
    assert claim["place"]["mention"] == "Kauda"


def test_the_editor_shot_dead_is_one_person_killed() -> None:
    (claim,) = _allegations(
        "In Mogadishu, the editor of a radio station critical of the militants was shot and "
        "killed by a gunman."
    )
    assert claim["allegation_type"] == "killing"
    assert claim["counts"]["killed"]["best"] == 1
    assert claim["perpetrator"]["mention"] == "gunman"


def test_a_later_sentence_that_says_where_the_attacks_occurred_places_them() -> None:
    claims = _allegations(
        "Officials said militants attacked an army convoy, killing nine soldiers. "
        "The attack occurred 200 km from the capital, in the Tillaberi region."
    )
    assert any(c["place"] and "Tillaberi" in c["place"]["mention"] for c in claims)


def test_the_country_in_the_doers_name_and_across_a_border_is_not_the_site() -> None:
    (claim,) = _allegations("Chad's army launched attacks along the border with Sudan on Monday.")
    assert claim["place"] is None or claim["place"]["country"] != "SD"


def test_shooting_down_a_helicopter_is_a_fight_not_an_air_strike() -> None:
    (claim,) = _allegations("In Kidal, rebels shot down an army helicopter on Tuesday.")
    assert claim["allegation_type"] == "armed_clash"
    assert claim["perpetrator"]["mention"] == "rebels"


def test_men_killed_in_the_fighting_after_an_air_strike_died_in_a_ground_fight() -> None:
    claims = _allegations(
        "Jets of the coalition bombed army targets in Sirte. A rebel commander said "
        "a dozen soldiers were killed in the fighting."
    )
    clash = next(c for c in claims if c["allegation_type"] == "armed_clash")
    assert clash["perpetrator"] is None


def test_villagers_captured_by_militants_were_abducted() -> None:
    claims = _allegations("In Borno, dozens of villagers, captured by Boko Haram, were freed.")
    assert [c["allegation_type"] for c in claims] == ["abduction"]
    assert claims[0]["perpetrator"]["actor_id"] == "boko_haram"


def test_fighting_that_a_breakdown_led_to_is_real_and_its_first_side_fought() -> None:
    (claim,) = _allegations(
        "A split in the rebel alliance led to heavy fighting in Aden between Houthi rebels "
        "and forces loyal to the president."
    )
    assert claim["allegation_type"] == "armed_clash"
    assert claim["perpetrator"]["actor_id"] == "houthis"
    assert claim["place"]["mention"] == "Aden"


def test_people_caught_in_crossfire_did_not_fight_and_parts_of_a_toll_are_not_added() -> None:
    (claim,) = _allegations(
        "Residents say at least five people, among them three soldiers and two farmers, "
        "were caught in crossfire near Beledweyne and killed."
    )
    assert claim["allegation_type"] == "armed_clash"
    assert claim["counts"]["killed"]["best"] == 5


def test_civilians_killed_in_clashes_count_with_the_soldiers() -> None:
    (claim,) = _allegations("Twelve soldiers and seven civilians were killed in clashes in Kidal.")
    assert claim["allegation_type"] == "armed_clash"
    assert claim["counts"]["killed"]["best"] == 19


def test_a_post_that_came_under_attack_is_the_target_not_the_attacker() -> None:
    (claim,) = _allegations("The army post in Bama came under attack by Boko Haram on Monday.")
    assert claim["allegation_type"] == "armed_clash"
    assert claim["perpetrator"]["actor_id"] == "boko_haram"
    (unnamed,) = _allegations("An army base near Gao came under attack on Sunday.")
    assert unnamed["perpetrator"] is None


def test_bombs_that_tore_through_a_market_were_used() -> None:
    (claim,) = _allegations("Two bombs tore through a crowded market in Maiduguri on Friday.")
    assert claim["allegation_type"] in ("bombing", "explosive_device")
    assert claim["place"]["mention"] == "Maiduguri"


def test_taking_down_a_network_is_no_capture() -> None:
    text = "Residents blame al-Shabab for taking down the phone network in Beledweyne."
    assert _control(text) == []


def test_driven_out_of_a_town_by_rebels_is_the_rebels_capture() -> None:
    (claim,) = _control("The army was driven out of Gao by rebels in 2012.")
    assert claim["action"] == "captured"
    assert claim["actor"]["mention"] == "rebels"
    assert claim["place"]["mention"] == "Gao"


def test_a_country_s_capital_is_its_capital_city() -> None:
    (claim,) = _control("Government troops advanced toward Somalia's capital on Friday.")
    assert claim["place"]["name"] == "Mogadishu"
    assert claim["place"]["country"] == "SO"


def test_a_toll_in_the_next_paragraph_is_counted_where_the_attack_was() -> None:
    text = (
        "Al-Shabaab fighters stormed a military base in Baidoa on Monday.\n"
        "Officials said nine soldiers were killed."
    )
    toll = [c for c in _allegations(text) if c["counts"]["killed"]]
    assert toll[-1]["counts"]["killed"]["best"] == 9
    assert toll[-1]["place"]["name"] == "Baidoa"


def test_a_headquarters_named_in_apposition_is_the_place_taken() -> None:
    (claim,) = _control("The army pressed on, capturing the rebel headquarters, Kilinochchi.")
    assert claim["action"] == "captured"
    assert claim["place"]["name"] == "Kilinochchi"


def test_a_town_the_recogniser_takes_for_a_people_is_still_a_place() -> None:
    (claim,) = _allegations("Twelve soldiers died in Kidal on Monday.")
    assert claim["place"]["name"] == "Kidal"
    assert claim["perpetrator"] is None  # the soldiers who died did not do it


def test_people_named_by_their_nationality_are_counted() -> None:
    (claim,) = _allegations("Gunmen killed three Americans in Benghazi on Tuesday.")
    assert claim["counts"]["killed"]["best"] == 3


def test_bombing_from_the_air_is_an_air_strike() -> None:
    (claim,) = _allegations("Government forces bombed rebel positions near Misrata from the air.")
    assert claim["allegation_type"] == "airstrike"


def test_fighting_that_also_continued_is_a_clash() -> None:
    (claim,) = _allegations("Fighting also continued in Misrata on Sunday.")
    assert claim["allegation_type"] == "armed_clash"
    assert claim["place"]["mention"] == "Misrata"


def test_others_wounded_with_a_soldier_are_soldiers_and_it_was_a_fight() -> None:
    text = (
        "Al-Shabaab has fought the government for years.\n"
        "One Ugandan soldier died and two others were wounded in Mogadishu."
    )
    (claim,) = [c for c in _allegations(text) if c["counts"]["killed"]]
    assert claim["allegation_type"] == "armed_clash"
    assert claim["counts"]["injured"]["best"] == 2


def test_civilians_killed_during_the_battle_died_in_the_fighting() -> None:
    (claim,) = _allegations("Five civilians were killed during the battle in Kidal.")
    assert claim["allegation_type"] == "armed_clash"
    assert claim["counts"]["killed"]["best"] == 5


def test_attackers_killed_died_in_a_fight() -> None:
    text = (
        "Boko Haram has waged an insurgency since 2009.\n"
        "Two attackers were killed in Bama on Monday."
    )
    (claim,) = [c for c in _allegations(text) if c["counts"]["killed"]]
    assert claim["allegation_type"] == "armed_clash"


def test_a_country_s_common_english_name_is_the_country() -> None:
    (claim,) = _allegations("Fighting raged in Burma on Sunday.")
    assert claim["place"]["name"] == "Myanmar"
    (taken,) = _control("M23 rebels captured Goma, the largest city in eastern Congo, on Monday.")
    assert taken["place"]["name"] == "Goma"
    assert taken["place"]["country"] == "CD"


def test_a_country_inside_an_armys_name_names_the_army_not_the_site() -> None:
    (claim,) = _allegations("Sudan's military bombed villages in Darfur on Friday.")
    assert claim["perpetrator"]["actor_id"] == "mil:sd"
    (taken,) = _control("The Myanmar military captured Sagaing.")
    assert taken["actor"]["actor_id"] == "mil:mm"


def test_the_attackers_nationality_does_not_place_the_town_it_struck() -> None:
    (claim,) = _allegations("A Russian missile strike on a mall in Kremenchuk killed 18 people.")
    assert claim["place"]["name"] == "Kremenchuk"
    assert claim["place"]["country"] == "UA"
    (drones,) = _allegations("Turkish drones struck Kurdish positions near Kobani on Monday.")
    assert drones["place"]["country"] == "SY"


def test_a_speaker_that_says_it_did_it_is_the_perpetrator() -> None:
    (claim,) = _allegations("The army said it had shelled rebel positions in Kidal.")
    assert claim["perpetrator"]["mention"] == "The army"
    assert claim["attribution"]["source_kind"] != "publisher"
    (strike,) = _allegations(
        "The Israeli military said it had killed a Hamas commander in an airstrike in Rafah."
    )
    assert strike["perpetrator"]["actor_id"] == "israel_af"


def test_those_who_arrest_suspects_did_not_do_the_bombing() -> None:
    claims = _allegations(
        "Thai police say they have arrested three people in connection with the bombing in Bangkok."
    )
    bombing = next(c for c in claims if c["allegation_type"] == "bombing")
    assert bombing["perpetrator"] is None


def test_a_region_after_a_village_locates_it_and_is_not_also_taken() -> None:
    claims = _control("Russian forces captured the village of Krasnohorivka in the Donetsk region.")
    assert [c["place"]["name"] for c in claims] == ["Krasnohorivka"]


def test_driving_a_group_out_of_a_city_is_taking_it() -> None:
    (claim,) = _control("Kurdish-led forces said they had driven Islamic State out of Raqqa.")
    assert claim["action"] == "captured"
    assert claim["actor"]["mention"] == "Kurdish-led forces"


def test_the_day_of_a_date_counts_nobody() -> None:
    (claim,) = _allegations("On 12 March, gunmen shot and killed two civilians in Uvira.")
    assert claim["counts"]["killed"]["best"] == 2


def test_a_ministry_is_no_namesake_town() -> None:
    (claim,) = _control(
        "According to the Ministry of Defence, the Armed Forces of Ukraine liberated Kherson."
    )
    assert claim["place"]["name"] == "Kherson"
    assert claim["place"]["country"] == "UA"


def test_the_killing_of_people_by_a_group_names_the_group() -> None:
    (claim,) = _allegations(
        "The UN has documented the killing of at least 60 civilians by Wagner Group personnel "
        "in Menaka."
    )
    assert claim["perpetrator"]["mention"].startswith("Wagner Group")
    assert claim["counts"]["killed"]["best"] == 60


def test_the_port_of_a_town_the_gazetteer_lacks_is_that_town() -> None:
    (claim,) = _control("Forces loyal to Khalifa Haftar captured the oil port of Ras Lanuf.")
    assert claim["place"]["mention"] == "Ras Lanuf"


def test_peacekeepers_under_fire_fought_and_three_of_them_were_wounded() -> None:
    (claim,) = _allegations("Peacekeepers came under fire in Bunia, wounding three of them.")
    assert claim["allegation_type"] == "armed_clash"
    assert claim["counts"]["injured"]["best"] == 3


def test_a_risen_death_toll_is_the_incident_s_count() -> None:
    (claim,) = _allegations("The death toll from the bombing in Mandera rose to at least 48.")
    assert claim["counts"]["killed"]["best"] == 48
    (claim,) = _allegations(
        "A car bomb killed two people in Mandera on Saturday. More bodies were found in the "
        "rubble, raising the death toll in the attack to 31."
    )
    assert claim["counts"]["killed"]["best"] == 31


def test_a_blast_in_a_kenyan_town_is_set_in_the_town_named_after_it() -> None:
    claims = _allegations(
        "Fighting continued in Somalia. A car bomb exploded in a Kenyan town near the Somali "
        "border on Saturday, killing four people. Police said the blast hit a market in Mandera."
    )
    (claim,) = [c for c in claims if c["allegation_type"] == "explosive_device"]
    assert claim["place"]["name"] == "Mandera"


def test_a_country_that_launches_missiles_did_it_and_is_not_where() -> None:
    (claim,) = _allegations(
        "Russia launched a second round of missiles against Ukrainian cities on Tuesday."
    )
    assert claim["perpetrator"]["actor_id"] == "mil:ru"
    assert claim["place"] is None
    (claim,) = _allegations("The Houthis fired a barrage of rockets at Marib on Sunday.")
    assert claim["perpetrator"]["actor_id"] == "houthis"


def test_the_coalition_is_the_coalition_the_article_named() -> None:
    claims = _allegations(
        "The Saudi-led coalition has bombed Sanaa for weeks. On Monday the coalition carried "
        "out airstrikes on Saada, killing 12."
    )
    strike = next(c for c in claims if c["counts"]["killed"])
    assert strike["allegation_type"] == "airstrike"
    assert strike["perpetrator"]["actor_id"] == "saudi_coalition"
    assert strike["perpetrator"]["mention"] == "the coalition"
    (claim,) = _allegations("Coalition forces detained 13 suspected militants in Baghdad.")
    assert claim["perpetrator"]["mention"] == "Coalition forces"


def test_an_airport_code_is_no_town_s_name() -> None:
    world = loaded_extractor().world
    assert {p.country for p in world.lookup("Gao")} == {"ML", "BF"}


def test_a_division_named_with_a_lower_case_noun_is_the_division() -> None:
    (claim,) = _allegations("Fighters attacked a village in Borno state, Nigeria.")
    assert claim["place"]["feature_type"] == "province"
    assert claim["place"]["country"] == "NG"


def test_a_name_with_a_hyphenated_article_is_looked_up_whole() -> None:
    (claim,) = _control("Syrian government forces regained control of Maarat al-Numan.")
    assert claim["place"]["country"] == "SY"
    assert claim["place"]["mention"] == "Maarat al-Numan"


def test_what_is_recaptured_is_a_place_even_unknown_to_the_gazetteer() -> None:
    (claim,) = _control("Government troops recaptured Kafr al-Awamid on Monday.")
    assert claim["place"]["mention"] == "Kafr al-Awamid"
    assert claim["place"]["resolved"] is False


def test_a_nationality_before_a_weapon_or_a_generic_noun_names_that_state_s_forces() -> None:
    (strike,) = _allegations("A Russian missile strike hit Kremenchuk, killing 16.")
    assert strike["perpetrator"]["actor_id"] == "mil:ru"
    (shelling,) = _allegations("Ukrainian shelling of Donetsk killed 3 civilians.")
    assert shelling["perpetrator"]["actor_id"] == "ukraine_af"
    (entry,) = _control("Ethiopian federal troops entered Mekelle on Saturday.")
    assert entry["actor"]["actor_id"] == "mil:et"
    (drone,) = _allegations("A Turkish drone strike killed two fighters near Qamishli.")
    assert drone["perpetrator"]["actor_id"] == "turkey_af"


def test_a_near_spelling_abroad_is_no_transliteration() -> None:
    (claim,) = _allegations(
        "Suspected ADF militants killed at least 22 civilians in an overnight attack on the "
        "village of Mukondi in Beni territory."
    )
    assert claim["place"]["country"] in (None, "CD")


def test_gendarmes_are_armed_and_an_attack_on_them_is_a_clash() -> None:
    (claim,) = _allegations("Gunmen attacked a gendarmerie post in Djibo, killing 14 gendarmes.")
    assert claim["allegation_type"] == "armed_clash"


def test_what_a_denial_s_complement_tells_is_denied() -> None:
    (claim,) = _allegations("Rebels denied that they had shelled the town of Goma.")
    assert claim["modality"] == "denied"
    assert not [
        c
        for c in _allegations("The army denied that its soldiers had killed civilians in Djibo.")
        if c["modality"] != "denied"
    ]


def test_a_town_geonames_lists_twice_side_by_side_is_one_place() -> None:
    claims = _allegations(
        "RSF fighters looted the main market in El Geneina and killed dozens of Masalit men."
    )
    assert {c["place"]["name"] for c in claims} == {"Al-Junaynah"}
    looting = next(c for c in claims if c["allegation_type"] == "looting")
    assert looting["counts"]["killed"] is None  # the dead are the killing's, not the loot's


def test_a_place_that_remains_under_control_is_held() -> None:
    (claim,) = _control("Kidal remained under the control of insurgents for ten days.")
    assert claim["action"] == "present"
    assert claim["place"]["name"] == "Kidal"


def test_whose_withdrawal_it_is_the_subject_or_the_nationality_says() -> None:
    (theirs,) = _control("Russian forces completed their withdrawal from Kherson on Friday.")
    assert theirs["action"] == "withdrew"
    assert theirs["actor"]["actor_id"] == "mil:ru"
    (national,) = _control("The Russian withdrawal from Kherson was completed on Friday.")
    assert national["actor"]["actor_id"] == "mil:ru"
    (by,) = _control("Residents celebrated the capture of Kidal by the rebels.")
    assert by["actor"]["mention"] == "rebels"


def test_a_passive_takes_its_subject_place_across_a_relative_clause() -> None:
    claims = _control(
        "Kidal, which was under the control of Tuareg rebels, was retaken by the army."
    )
    retaken = next(c for c in claims if c["action"] == "recaptured")
    assert retaken["place"]["name"] == "Kidal"
    # who held the town until it was retaken holds it no longer; "the town" is named nowhere
    (retook,) = _control(
        "Government forces recaptured the town, which was held by rebels for two years."
    )
    assert retook["action"] == "recaptured"
    assert retook["place"] is None


def test_a_place_in_another_clause_is_not_the_site() -> None:
    (claim,) = _allegations(
        "Rebels in Darfur say the army launched attacks in the region on the same day that the "
        "government announced a cease-fire at peace talks in Libya."
    )
    assert claim["place"] is None or claim["place"]["country"] != "LY"
    (mine,) = _allegations(
        "Two peacekeepers were killed when their vehicle struck a mine near Kidal."
    )
    assert mine["place"]["name"] == "Kidal"


def test_a_place_named_to_locate_another_is_not_the_one_referred_to() -> None:
    claims = _allegations(
        "A bomb exploded in the Kurdish village of Sinjar, near Mosul. The same village was hit "
        "by a pair of suicide bombers in August."
    )
    assert {c["place"]["place_id"] for c in claims} == {"geonames:448149"}


def test_a_division_s_alias_with_its_noun_names_it_with_any_noun() -> None:
    (claim,) = _allegations("An airstrike on a hospital in Saada province killed 11 people.")
    assert claim["place"]["country"] == "YE"
    assert claim["place"]["feature_type"] == "province"


def test_policemen_shot_dead_in_an_ambush_died_in_a_clash() -> None:
    (claim,) = _allegations(
        "Two policemen were shot dead and three others wounded in an ambush in Tillaberi region."
    )
    assert claim["allegation_type"] == "armed_clash"
    assert claim["counts"]["injured"]["best"] == 3


def test_a_control_claim_the_text_places_nowhere_has_no_place() -> None:
    (front,) = _control("Islamist fighters retreated from the front line on Monday.")
    assert front["action"] == "withdrew"
    assert front["place"] is None
    (several,) = _control("The militants have taken control of several localities.")
    assert several["place"] is None
    (left,) = [
        c
        for c in _control(
            "Government troops took control of Rastan without a fight after the rebels left."
        )
        if c["action"] == "withdrew"
    ]
    assert left["place"]["mention"] == "Rastan"  # the place its sentence took
    assert _control("The army withdrew from peace talks.") == []


def test_a_capital_in_the_possessive_is_its_government_not_a_place() -> None:
    (claim,) = _allegations(
        "Gunmen killed five villagers, fuelling anger over Abuja's inability to stop them."
    )
    assert claim["place"] is None


def test_incidents_named_again_with_nothing_new_are_no_new_claims() -> None:
    assert _allegations("The latest abductions are certain to fuel public frustration.") == []
    assert _allegations("These killings must stop, the UN said.") == []


def test_the_speaker_s_home_is_where_it_happened_when_nothing_else_says() -> None:
    (claim,) = _allegations("Residents of Kidal said gunmen killed three traders.")
    assert claim["place"]["name"] == "Kidal"


def test_the_dead_of_an_attack_are_not_the_captives_of_an_abduction() -> None:
    claims = _allegations(
        "The abductions took place last weekend in an attack during which four villagers were "
        "killed."
    )
    abduction = next(c for c in claims if c["allegation_type"] == "abduction")
    assert abduction["counts"]["abducted"] is None


def test_some_before_a_number_qualifies_it_and_tens_of_thousands_is_thousands() -> None:
    (claim,) = _allegations("Gunmen killed some 12 villagers in Zamfara.")
    assert claim["counts"]["killed"]["best"] == 12
    (war,) = _allegations("The rebels left tens of thousands of people dead.")
    assert war["counts"]["killed"]["best"] == 10_000


def test_people_taken_together_are_counted_together() -> None:
    (claim,) = _allegations("Police arrested a man and two women in Kano.")
    assert claim["counts"]["arrested"]["best"] == 3


def test_arrests_among_crime_words_are_policing() -> None:
    claims = _allegations(
        "Border guards detained 34 people in a lorry. The case is linked to a smuggling gang."
    )
    assert all(c["acled_sub_event_type"] is None for c in claims)


def test_mobilising_for_an_attack_is_no_attack_yet() -> None:
    assert all(
        c["modality"] == "future"
        for c in _allegations("Militants are mobilizing for an attack on Gao.")
    )


def test_an_army_s_bombing_is_from_the_air_and_a_hit_aircraft_bombs_nothing() -> None:
    (claim,) = _allegations("Monday's bombing of two airports by Ethiopian forces killed 3.")
    assert claim["allegation_type"] == "airstrike"
    assert claim["counts"]["killed"]["best"] == 3  # the two airports are no dead
    assert not [
        c
        for c in _allegations("Two Ethiopian helicopters were hit by small arms fire on Thursday.")
        if c["allegation_type"] == "airstrike"
    ]


def test_a_suicide_truck_bombing_and_a_bus_bomb_are_typed_by_their_means() -> None:
    (truck,) = _allegations("A suicide truck bombing in Karrada killed 120 people.")
    assert truck["allegation_type"] == "suicide_bombing"
    (bus,) = _allegations("A bus bomb exploded in Sadr City, killing three people.")
    assert bus["allegation_type"] == "explosive_device"


def test_a_warring_state_s_ministry_claims_as_a_party_and_bare_officials_report() -> None:
    (ministry,) = _allegations(
        "A spokesman for the Iraqi Interior Ministry said militants killed 30 policemen in "
        "Abu Ghraib."
    )
    assert ministry["modality"] == "claimed_by_party"
    (officials,) = _allegations("Officials said a bus bomb killed three people in Sadr City.")
    assert officials["modality"] == "reported"


def test_a_country_s_contingent_is_its_army_not_a_place() -> None:
    claims = _allegations(
        "The blast hit a convoy near the airport, where Uganda's contingent is based, killing "
        "one soldier."
    )
    assert all(c["place"] is None or c["place"]["country"] != "UG" for c in claims)


def test_a_country_in_the_speaker_s_title_does_not_place_the_claim() -> None:
    (claim,) = _allegations(
        "The African Union force in Somalia said soldiers killed more than 100 militants."
    )
    assert claim["place"] is None


def test_who_claims_an_attack_did_it() -> None:
    (claim,) = _allegations("Islamic State claimed the bombing in Kabul.")
    assert claim["perpetrator"]["actor_id"] == "isis"


def test_fighters_from_a_group_are_the_group() -> None:
    (claim,) = _control("Fighters from the Arakan Army overran a border post in Maungdaw.")
    assert claim["actor"]["actor_id"] == "arakan_army"


def test_a_state_that_speaks_is_a_party_and_its_forces_are_its_army() -> None:
    (claim,) = _control("Russia said its troops had captured Avdiivka.")
    assert claim["actor"]["actor_id"] == "mil:ru"
    assert claim["modality"] == "claimed_by_party"
    assert claim["place"]["country"] == "UA"  # the speaker does not place the town in Russia


def test_a_country_s_town_of_x_is_x_and_a_region_named_after_its_capital_is_found() -> None:
    (bria,) = _allegations(
        "Clashes erupted between the army and rebels in the Central African Republic town of Bria."
    )
    assert bria["place"]["name"] == "Bria"
    (kursk,) = _allegations("Shelling hit the Kursk region overnight.")
    assert kursk["place"]["feature_type"] == "province"
    assert kursk["place"]["country"] == "RU"


def test_a_near_spelling_with_nothing_to_place_it_is_only_a_sizeable_town() -> None:
    (claim,) = _allegations("Militants attacked an army base in Boulkessi, killing 12 soldiers.")
    assert claim["place"]["resolved"] is False
    (yabroud,) = _allegations("Rebels shelled Yabroud.")
    assert yabroud["place"]["country"] == "SY"


def test_hostages_named_again_are_no_new_abduction() -> None:
    claims = _allegations("The group executed three hostages in a video released on Sunday.")
    assert [c["allegation_type"] for c in claims] == ["execution"]
    (seized,) = _allegations("Gunmen took 12 people hostage in Kidal.")
    assert seized["allegation_type"] == "abduction"


def test_towns_listed_together_are_each_taken_and_settle_each_other() -> None:
    claims = _control("Rebels seized Gao and Timbuktu.")
    assert {c["place"]["country"] for c in claims} == {"ML"}
    assert len(claims) == 2
    listed = _control("Rebels seized the towns of Kidal and Gao.")
    assert {c["place"]["name"] for c in listed} == {"Kidal", "Gao"}


def test_driven_from_a_town_and_battling_for_control_of_one() -> None:
    (driven,) = _control("The insurgents were driven from Fallujah in June.")
    assert driven["place"]["name"] == "Al Fallujah"
    (battle,) = _control("Government soldiers were battling rebels for control of Kidal.")
    assert battle["action"] == "contested"
    assert battle["actor"]["mention"] == "Government soldiers"


def test_houses_torched_by_armed_men_are_destroyed_by_them() -> None:
    (claim,) = _allegations("Dozens of houses were torched by armed men in the village of Kouka.")
    assert claim["allegation_type"] == "property_destruction"
    assert claim["perpetrator"]["mention"] == "armed men"


def test_people_accused_of_something_are_no_speaker() -> None:
    (claim,) = _allegations("The militants beheaded two men accused of spying for the army.")
    assert claim["modality"] == "asserted"
    assert claim["attribution"]["source"] is None


def test_a_family_of_seven_is_seven_and_the_part_of_a_group_is_who_was_killed() -> None:
    (strike,) = _allegations("An air strike on a house in Rafah killed a family of seven.")
    assert strike["counts"]["killed"]["best"] == 7
    (ambush,) = _allegations(
        "A group of 20 soldiers was ambushed near Kidal, killing four of them."
    )
    assert ambush["counts"]["killed"]["best"] == 4
    (toll,) = _allegations("Gunmen killed 20 soldiers, four of them officers.")
    assert toll["counts"]["killed"]["best"] == 20


def test_a_claim_of_responsibility_is_a_statement_by_the_group_that_claims() -> None:
    claims = _allegations(
        "A car bomb exploded near a market in Mogadishu, killing eight people. "
        "Al-Shabab claimed responsibility for the attack."
    )
    bombing, claimed = claims
    assert bombing["perpetrator"] is None
    assert bombing["counts"]["killed"]["best"] == 8
    assert claimed["allegation_type"] == "explosive_device"  # the incident's type
    assert claimed["perpetrator"]["actor_id"] == "al_shabaab"
    assert claimed["modality"] == "claimed_by_party"
    assert claimed["acled_sub_event_type"] is None  # ACLED codes the incident once
    assert not any(claimed["counts"].values())
    assert _allegations("No one has claimed responsibility for the attack.") == []


def test_a_blamed_group_is_the_doer_of_the_attack_it_is_blamed_for() -> None:
    (blamed,) = _allegations("State officials blamed rebels loyal to Yau Yau for the attack.")
    assert blamed["perpetrator"]["mention"] == "rebels loyal to Yau Yau"
    assert blamed["modality"] == "reported"
    (accused,) = _allegations("The government accused the rebels of carrying out the attack.")
    assert accused["perpetrator"]["mention"] == "the rebels"


def test_forces_loyal_to_a_group_and_rebels_of_a_group_are_that_group() -> None:
    (loyal,) = _control("Forces loyal to the Libyan National Army captured Sirte.")
    assert loyal["actor"]["actor_id"] == "lna"
    (rebels,) = _control("Rebels of the Arakan Army captured the town of Paletwa.")
    assert rebels["actor"]["actor_id"] == "arakan_army"
    (backed,) = _control("Government forces backed by Russian jets captured the town of Palmyra.")
    assert backed["actor"]["actor_id"] == "state_forces"


def test_a_town_said_to_lie_in_a_province_is_never_a_namesake_elsewhere() -> None:
    (retaken,) = _control(
        "Ukrainian forces have retaken the village of Robotyne in the Zaporizhzhia region."
    )
    assert retaken["place"]["mention"] == "Robotyne"
    assert retaken["place"]["resolved"] is False  # not Rybotyn, 600 km away in Chernihiv
    (city,) = _control("Russian troops pulled out of Kherson city in November.")
    assert city["place"]["name"] == "Kherson"
    assert city["place"]["feature_type"] in ("city", "town")


def test_what_a_described_person_is_accused_of_is_no_incident() -> None:
    (demolished,) = _allegations(
        "Israeli troops demolished the homes of two Palestinians accused of carrying out an "
        "attack near Hebron."
    )
    assert demolished["allegation_type"] == "property_destruction"
    (accused,) = _allegations("The militants were accused of killing 20 villagers in Borno.")
    assert accused["allegation_type"] == "killing"


def test_a_speaker_that_says_it_killed_in_air_strikes_did_the_strikes() -> None:
    (strike,) = _allegations(
        "The army said it had killed 35 militants in air strikes on hideouts in North Waziristan."
    )
    assert strike["allegation_type"] == "airstrike"
    assert strike["perpetrator"]["mention"] == "The army"
    assert strike["modality"] == "claimed_by_party"


def test_a_generic_noun_named_by_its_group_is_the_group_never_its_patron() -> None:
    (attack,) = _allegations("Al-Shabab fighters attacked a base in Garissa.")
    assert attack["perpetrator"]["actor_id"] == "al_shabaab"
    (claim,) = _allegations(
        "The al-Qaida-linked group JNIM later claimed responsibility for the attack."
    )
    assert claim["perpetrator"]["actor_id"] == "jnim"


def test_a_place_far_from_the_actors_known_only_by_another_name_is_no_answer() -> None:
    (stormed,) = _control("ISWAP fighters stormed the town of Baga.")
    assert stormed["place"]["resolved"] is False  # not Bargarh in India, once called Baga
    (garissa,) = _allegations("Al-Shabab fighters attacked a university in Garissa.")
    assert garissa["place"]["country"] == "KE"  # a group's attack abroad, by its own name


def test_a_trailing_preposition_is_no_part_of_a_name() -> None:
    (toll,) = _allegations("Fighting has killed hundreds of people in the Sahel since 2012.")
    assert toll["place"]["mention"] == "Sahel"


def test_settlements_shelled_are_no_count_of_people() -> None:
    (shelling,) = _allegations(
        "Russian forces shelled 15 settlements in the Kharkiv region, wounding three civilians."
    )
    assert shelling["counts"]["injured"]["best"] == 3
    assert shelling["place"]["feature_type"] == "province"  # the region, not the city


def test_a_nation_s_weapon_and_its_ministry_s_forces_are_its_army() -> None:
    (bomb,) = _allegations("A Russian glide bomb hit a residential building in Zaporizhzhia.")
    assert bomb["perpetrator"]["actor_id"] == "mil:ru"
    (taken,) = _control(
        "The Russian Defence Ministry said its forces had taken control of the village of "
        "Novoselivka in the Donetsk region."
    )
    assert taken["actor"]["actor_id"] == "mil:ru"
    assert taken["place"]["resolved"] is False  # four villages of that name in the province


def test_a_displacement_camp_is_a_place_that_can_be_seized() -> None:
    (seized,) = _control("The RSF seized the Zamzam displacement camp near El Fasher.")
    assert seized["place"]["mention"] == "Zamzam displacement camp"
    assert seized["actor"]["actor_id"] == "rsf"


def test_a_relative_named_after_a_count_is_one_more() -> None:
    (killing,) = _allegations("Insurgents shot dead a village headman and his wife in Narathiwat.")
    assert killing["counts"]["killed"]["best"] == 2
    (sons,) = _allegations("Gunmen killed a farmer and his two sons.")
    assert sons["counts"]["killed"]["best"] == 3


def test_two_sides_each_with_its_own_weapon_are_two_incidents() -> None:
    rockets, strike = _allegations(
        "Hamas fired rockets into southern Israel, wounding two people, and Israeli jets "
        "bombed Gaza, killing five."
    )
    assert (rockets["allegation_type"], rockets["perpetrator"]["actor_id"]) == ("shelling", "hamas")
    assert rockets["counts"]["injured"]["best"] == 2
    assert (strike["allegation_type"], strike["perpetrator"]["actor_id"]) == (
        "airstrike",
        "israel_af",
    )
    assert strike["counts"]["killed"]["best"] == 5
    assert strike["counts"]["injured"] is None


def test_an_offensive_to_retake_a_place_is_launched_by_its_subject() -> None:
    (offensive,) = _control(
        "Georgian troops launched an offensive to retake the breakaway region of South Ossetia."
    )
    assert offensive["action"] == "advanced_toward"
    assert offensive["actor"]["actor_id"] == "mil:ge"
    assert offensive["place"]["name"] == "South Ossetia"
    (operation,) = _control("The army began an operation to recapture Mosul.")
    assert operation["actor"]["mention"] == "The army"


def test_a_capitalised_compass_word_is_part_of_an_unknown_name() -> None:
    (attack,) = _allegations("Rebels attacked the village of North Gumba.")
    assert attack["place"]["mention"] == "North Gumba"


def test_a_lede_s_unnamed_site_is_placed_by_the_next_paragraph_telling_it_again() -> None:
    lede, again = _allegations(
        "Jihadist fighters attacked an army post in central Mali on Monday, killing nine "
        "soldiers.\nThe attack on the post near the town of Diafarabe killed nine soldiers."
    )
    assert lede["place"]["mention"] == "Diafarabe"
    assert again["place"]["mention"] == "Diafarabe"
    (named,) = _allegations(
        "At least 26 people died in an airstrike in northwestern Yemen.\nThe town of Saada "
        "was quiet on Thursday."
    )
    assert named["place"]["name"] == "Yemen"  # what the lede itself names


def test_neutralised_fighters_are_killed_and_a_neutralised_bomb_is_no_attack() -> None:
    (clash,) = _allegations(
        "The army said troops neutralised 12 terrorists and rescued 23 kidnapped victims "
        "in Borno State."
    )
    assert clash["allegation_type"] == "armed_clash"
    assert clash["counts"]["killed"]["best"] == 12
    assert clash["counts"]["abducted"] is None  # the rescued are no toll
    assert _allegations("Bomb experts neutralized an explosive device near the market.") == []


def test_a_ministry_s_own_units_are_its_forces() -> None:
    (liberated,) = _control("The Libyan National Army said its units had liberated Derna.")
    assert liberated["actor"]["actor_id"] == "lna"


def test_he_said_is_the_speaker_named_before_even_a_paragraph_earlier() -> None:
    (toll,) = _allegations(
        "Taliban fighters overran a district headquarters in Ghazni province, a provincial "
        "official said.\nAt least 30 soldiers were killed in the fighting, he said."
    )
    assert toll["attribution"]["source"] == "a provincial official"
    assert toll["modality"] == "reported"
    (alone,) = _allegations("At least 30 soldiers were killed in the fighting, he said.")
    assert alone["attribution"]["source"] is None


def test_an_officer_speaks_for_his_side() -> None:
    (claim,) = _allegations("Colonel Kahimbi said his troops shelled rebel positions.")
    assert claim["modality"] == "claimed_by_party"


def test_the_town_opening_a_sentence_is_no_name() -> None:
    (claim,) = _control("The town was recaptured by government troops on Thursday.")
    assert claim["place"] is None


def test_a_division_with_no_town_of_its_name_at_home_is_the_division() -> None:
    claims = _control("Boko Haram controls large areas of Borno, Yobe and Adamawa states.")
    assert {c["place"]["name"] for c in claims} == {"Borno", "Yobe", "Adamawa"}
    assert {c["place"]["country"] for c in claims} == {"NG"}  # not Borno, a village in Italy
    (raqqa,) = _allegations("Shelling hit Raqqa.")
    assert raqqa["place"]["feature_type"] in ("city", "town")  # the town, not its province


def test_a_denied_killing_is_told_as_denied_and_never_coded() -> None:
    (killing,) = _allegations("The militia denied killing civilians in the village of Djibo.")
    assert killing["allegation_type"] == "killing"
    assert killing["modality"] == "denied"
    assert killing["acled_sub_event_type"] is None
    assert killing["perpetrator"]["mention"] == "The militia"


def test_destroying_the_enemy_s_vehicles_is_fighting_and_a_cache_is_no_attack() -> None:
    (clash,) = _allegations("Ukrainian forces destroyed three Russian tanks near Bakhmut.")
    assert clash["allegation_type"] == "armed_clash"
    assert clash["perpetrator"]["actor_id"] == "ukraine_af"
    assert not any(clash["counts"].values())  # tanks are no people
    assert _allegations("Troops destroyed a weapons cache near Gao.") == []


def test_donbas_republics_separatist_forces_and_capitals_forces_are_named() -> None:
    (dpr,) = _control(
        "Rebel fighters of the self-proclaimed Donetsk People's Republic seized Debaltseve."
    )
    assert dpr["actor"]["actor_id"] == "dpr_forces"
    (separatists,) = _control("Separatist forces captured the village of Nikishyne.")
    assert separatists["actor"]["actor_id"] == "rebels"
    (kyiv,) = _control("Kyiv's forces pulled out of Debaltseve.")
    assert kyiv["actor"]["actor_id"] == "ukraine_af"


def test_a_separate_incident_in_the_same_paragraph_is_its_own() -> None:
    bomb, shooting = _allegations(
        "A roadside bomb killed two soldiers in Mogadishu. Gunmen shot dead a local official "
        "in Baidoa."
    )
    assert (bomb["place"]["name"], bomb["counts"]["killed"]["best"]) == ("Mogadishu", 2)
    assert (shooting["place"]["name"], shooting["counts"]["killed"]["best"]) == ("Baidoa", 1)
    (said,) = _allegations(
        "A car bomb exploded in Mogadishu. Two soldiers were killed in the blast, police said."
    )
    assert said["counts"]["killed"]["best"] == 2  # the same incident's toll


def test_they_after_a_toll_are_the_attackers_not_the_dead() -> None:
    _, second = _allegations(
        "Rebels attacked a police station in Beni, killing three officers. Hours later, they "
        "ambushed an army convoy near Oicha, killing seven soldiers."
    )
    assert second["perpetrator"]["actor_id"] == "rebels"
    assert second["counts"]["killed"]["best"] == 7


def test_raiders_of_no_side_attacking_a_village_attack_its_people() -> None:
    (raid,) = _allegations("Bandits attacked the town of Zurmi, killing 20 people.")
    assert raid["allegation_type"] == "killing"
    (assault,) = _allegations("Rebels attacked the town of Kidal, killing 12.")
    assert assault["allegation_type"] == "armed_clash"


def test_an_unknown_name_that_was_bombed_is_a_place() -> None:
    strike, shelling = _allegations(
        "Government warplanes bombed Kauda on Tuesday, two days after rebels shelled the town "
        "of Kadugli, killing four civilians."
    )
    assert strike["place"]["mention"] == "Kauda"  # not Kadugli, of the other clause
    assert strike["place"]["resolved"] is False
    assert shelling["place"]["name"] == "Kadugli"


def test_the_tamil_tigers_nato_and_a_us_drone_are_named() -> None:
    (repulsed,) = _allegations(
        "The Tamil Tigers said they had repulsed a military offensive, killing 40 soldiers."
    )
    assert repulsed["perpetrator"]["actor_id"] == "ltte"
    (strike,) = _allegations("NATO said its aircraft had killed a Taliban commander in Helmand.")
    assert strike["perpetrator"]["actor_id"] == "nato"
    (drone,) = _allegations("A U.S. drone strike killed four militants in Miranshah.")
    assert drone["perpetrator"]["actor_id"] == "mil:us"


def test_who_held_a_place_before_it_was_taken_does_not_hold_it() -> None:
    claims = _control(
        "The military said it has overrun another town, Pallai, held by the Tamil Tigers."
    )
    assert [c["action"] for c in claims] == ["captured"]
    (formerly,) = _control("The army captured territory formerly held by the Tamil Tigers.")
    assert formerly["action"] == "captured"


def test_older_wars_actors_are_named() -> None:
    (courts,) = _control("Islamic Courts fighters captured the town of Jowhar.")
    assert courts["actor"]["actor_id"] == "icu"
    (aqi,) = _allegations("Al-Qaida in Iraq claimed responsibility for the bombing in Baghdad.")
    assert aqi["perpetrator"]["actor_id"] == "aqi"
    (gadhafi,) = _allegations("Pro-Gadhafi forces shelled Misrata overnight.")
    assert gadhafi["perpetrator"]["actor_id"] == "mil:ly"
    (cndp,) = _control("Nkunda's rebels captured the town of Mushake.")
    assert cndp["actor"]["actor_id"] == "cndp"


def test_a_country_that_begins_an_actor_s_name_yields_to_the_actor() -> None:
    (retaken,) = _control("The Sudan People's Liberation Army recaptured Malakal.")
    assert retaken["actor"]["actor_id"] == "mil:ss"
    (clash,) = _allegations("BIFF gunmen attacked an army detachment in Maguindanao.")
    assert clash["place"]["name"] == "Maguindanao"


def test_a_speaker_that_says_it_fired_a_barrage_fired_it_and_a_reason_s_toll_is_not_its() -> None:
    (rockets,) = _allegations(
        "Hezbollah said it fired a barrage of rockets at an Israeli military base in response "
        "to the killing of one of its commanders."
    )
    assert rockets["perpetrator"]["actor_id"] == "hezbollah"
    assert not any(rockets["counts"].values())  # neither the base nor the commander's death


def test_kidnappers_killed_are_no_kidnapping_and_an_army_patrol_holds_nothing() -> None:
    (clash,) = _allegations("Troops rescued 30 hostages and killed 10 kidnappers in Kaduna state.")
    assert clash["allegation_type"] == "armed_clash"
    assert clash["counts"]["killed"]["best"] == 10
    assert _control("Militants ambushed an army patrol near Gao.") == []


def test_a_region_s_village_of_x_is_x() -> None:
    (torched,) = _allegations(
        "Israeli settlers torched homes and cars in the West Bank village of Huwara."
    )
    assert torched["place"]["mention"] == "Huwara"
    assert torched["perpetrator"]["actor_id"] == "israeli_settlers"


def test_conjoined_subjects_are_read_whole_the_first_side_first() -> None:
    (clash,) = _allegations("TPLF fighters and Eritrean troops clashed near Zalambessa.")
    assert clash["perpetrator"]["mention"] == "TPLF fighters"
    (killing,) = _allegations("The RSF and allied Arab militias killed 40 civilians in El Geneina.")
    assert killing["perpetrator"]["actor_id"] == "rsf"


def test_employees_counted_back_are_the_dead() -> None:
    (blast,) = _allegations(
        "A bomb ripped through a bus carrying government employees in Peshawar, killing 15 of them."
    )
    assert blast["counts"]["killed"]["best"] == 15


def test_what_the_expelled_held_until_then_they_no_longer_hold() -> None:
    claims = _control(
        "Iraqi forces drove the militants out of the last neighbourhoods they held in western "
        "Mosul."
    )
    assert [c["action"] for c in claims] == ["captured"]
    driven = _control(
        "The militants were driven out of the last neighbourhoods they held in western Mosul."
    )
    assert all(c["action"] != "present" for c in driven)


def test_what_a_party_claims_to_hold_is_its_claim_not_a_plan() -> None:
    (held,) = _control("The rebels claim to control 80 percent of Idlib province.")
    assert held["action"] == "present"
    assert held["modality"] == "claimed_by_party"


def test_a_police_officer_shot_dead_is_one_death() -> None:
    (killing,) = _allegations("A police officer was shot dead in Kano.")
    assert killing["counts"]["killed"]["best"] == 1
