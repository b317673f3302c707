"""Issue 14 dans le Chromium de Debian (Playwright), sur les serveurs réels, à 1280×800 et 375×740 : une réponse
est une carte (vrais titres et listes), la recommandation d'un diagnostic est en vue là où la page se pose,
le récapitulatif copié est le texte attendu, une source ouvre sa section du document, une ligne interne porte
son badge, la typographie française tient ; et la page : suggestion choisie gardée, compteur et message d'un
texte trop long, envoi échoué à réessayer, une session par onglet, confirmation avant d'effacer, saisie
active au chargement, en-tête compact sur téléphone, cibles de 44 px, thème sombre, une annonce par réponse.
Captures : results/issue14/after-*.png (celles d'avant : before-*.png)."""

from __future__ import annotations

import json
import re
from typing import Dict, Iterator, List, Tuple

import pytest
from playwright.sync_api import Browser, Page, expect

from cecaz.catalogue import load_catalogue
from cecaz.diagnostic import Facts, recap_text, recommend
from cecaz.typography import french
from ops.serve import ROOT, Services
from tests.e2e.test_webchat import low_contrasts

SHOTS = ROOT / "results" / "issue14"
VIEWPORTS: Dict[str, Tuple[int, int]] = {"desktop": (1280, 800), "phone": (375, 740)}
QUESTION, ANSWER = "numéro de l'assistance SP+", "09 69 37 80 30"
DIAGNOSTIC = ("aide-moi à choisir une solution pour mon client", "il a un site mais Payplug ne lui convient pas",
              "il veut aussi l'amex")
BADGE = "Interne CECAZ — ne pas transmettre"
# Texts of the bot's messages (textContent: the no-break spaces are kept).
BOT_TEXTS = "() => [...document.querySelectorAll('.msg-bot .msg-bubble')].map((e) => e.textContent)"



def open_page(browser: Browser, services: Services, viewport: str = "desktop", **context: object) -> Page:
    width, height = VIEWPORTS.get(viewport, (1280, 800))
    page = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR", **context).new_page()
    errors: List[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(services.webchat_url)
    expect(page.locator(".msg-bot").first).to_contain_text("Bonjour", timeout=30_000)
    expect(page.locator("#send")).to_be_enabled(timeout=30_000)
    page.wait_for_function("() => document.getElementById('status').textContent === ''", timeout=30_000)
    page.errors = errors  # type: ignore[attr-defined]
    return page


# The server acknowledges a message once the turn is over, all its replies sent.
TURN_OVER = """() => {
  const saved = JSON.parse(sessionStorage.getItem('cecaz-webchat') || '{"messages": []}');
  const users = saved.messages.filter((m) => m.from === 'user');
  return users.length > 0 && users[users.length - 1].status === 'sent';
}"""


def ask(page: Page, text: str) -> None:
    """Envoie `text` et attend la fin du tour (toutes les réponses du bot)."""
    before = page.locator(".msg-bot").count()
    page.get_by_label("Votre question").fill(text)
    page.get_by_label("Votre question").press("Enter")
    page.wait_for_function(TURN_OVER, timeout=30_000)
    expect(page.locator(".msg-bot")).not_to_have_count(before)
    expect(page.locator("#typing")).to_be_hidden()


def stored(page: Page) -> dict:
    return json.loads(page.evaluate("sessionStorage.getItem('cecaz-webchat')"))


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def page(browser: Browser, services: Services, viewport: str) -> Iterator[Page]:
    page = open_page(browser, services, viewport)
    yield page
    errors = page.errors  # type: ignore[attr-defined]
    page.context.close()
    assert not errors, errors


def typography_problems(texts: List[str]) -> List[str]:
    found = []
    for text in texts:
        for match in re.finditer(r"(\S) ([?!;:])(?=\s|$)|« | »", text):
            found.append(text[max(0, match.start() - 30):match.end() + 10])
    return found


# --- une réponse, une carte -----------------------------------------------------------------------------

def test_a_factual_answer_is_one_card_with_headings_lists_badge_and_sources(page: Page, viewport: str) -> None:
    ask(page, QUESTION)
    card = page.locator(".msg-bot").last
    expect(card.get_by_role("heading", name=re.compile("Téléphone pour SP\\+"))).to_be_visible()
    expect(card.locator("ul > li")).to_have_count(1)
    expect(card.locator('li a[href="tel:0969378030"]')).to_have_text(ANSWER)
    expect(card.locator(".answer-sources a")).to_have_attribute("href", "reference#assister")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"after-factual-{viewport}.png"))
    ask(page, "numéro assistance monétique pro")  # an internal line: its badge, its colour
    internal = page.locator(".msg-bot").last.locator(".line-internal, .answer-internal")
    expect(internal.locator(".badge-internal").first).to_have_text(re.compile(BADGE))
    expect(internal.first).to_contain_text("09 69 36 06 26")
    assert internal.first.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
    assert typography_problems(page.evaluate(BOT_TEXTS)) == []


def test_the_diagnostic_ends_on_one_card_whose_recommendation_is_in_view(page: Page, viewport: str) -> None:
    for text in DIAGNOSTIC:
        ask(page, text)
    card = page.locator(".msg-bot").last
    title = card.get_by_role("heading", name=re.compile(r"Recommandation\W+SP\+"))
    page.wait_for_timeout(300)  # the scroll that follows the answer
    expect(title).to_be_in_viewport()  # where the page lands: no scrolling up to find it
    expect(card.locator(".answer-lead")).to_be_in_viewport()
    details = card.locator("details.answer-details")
    expect(details).not_to_have_attribute("open", "")
    expect(details.locator("summary")).to_have_text(re.compile(r"Détails \(\d rubriques\)"))
    expect(card.locator(".answer-recap h3")).to_have_text("Récapitulatif à coller dans le dossier client")
    expect(card.get_by_role("button", name="Copier le récapitulatif")).to_be_visible()
    expect(card.locator(".answer-closing")).to_contain_text("autre diagnostic")
    expect(card.locator(".quick-replies button")).to_have_text(["Nouveau diagnostic"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"after-diagnostic-{viewport}.png"))
    details.locator("summary").click()
    expect(details.locator(".answer-internal .badge-internal").first).to_have_text(re.compile(BADGE))
    assert typography_problems(page.evaluate(BOT_TEXTS)) == []


def expected_recap() -> str:
    cat = load_catalogue()
    facts = Facts(site="oui", payplug="non", moyens=("amex",))
    return french(recap_text(cat, facts, recommend(cat, facts)))


def test_the_copied_recap_is_the_recap_without_labels_or_times(browser: Browser, services: Services) -> None:
    page = open_page(browser, services, permissions=["clipboard-read", "clipboard-write"])
    for text in DIAGNOSTIC:
        ask(page, text)
    page.get_by_role("button", name="Copier le récapitulatif").click()
    expect(page.locator(".recap-status")).to_have_text("Récapitulatif copié dans le presse-papiers.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == expected_recap()
    assert "L’assistant" not in copied and not re.search(r"\b\d{2}:\d{2}\b", copied)
    page.context.close()


def test_without_the_clipboard_api_the_recap_is_still_copied(browser: Browser, services: Services) -> None:
    page = open_page(browser, services)
    page.evaluate("""() => {
        Object.defineProperty(navigator, 'clipboard', {value: undefined});
        window.copied = [];
        document.execCommand = (command) => { window.copied.push(document.activeElement.value); return true; };
    }""")
    for text in DIAGNOSTIC:
        ask(page, text)
    page.get_by_role("button", name="Copier le récapitulatif").click()
    expect(page.locator(".recap-status")).to_have_text("Récapitulatif copié dans le presse-papiers.")
    assert page.evaluate("window.copied") == [expected_recap()]
    page.context.close()


def test_a_source_opens_its_section_of_the_reference_document(page: Page) -> None:
    ask(page, QUESTION)
    with page.context.expect_page() as opened:
        page.locator(".msg-bot").last.locator(".answer-sources a").click()
    reference = opened.value
    reference.wait_for_load_state()
    assert reference.url.endswith("/webhooks/webchat/reference#assister")
    section = reference.locator("section:target")
    expect(section).to_have_attribute("id", "assister")
    expect(section.get_by_role("heading")).to_have_text("Comment assister mon client ?")
    expect(section).to_contain_text("09 69 36 06 26")
    expect(section).to_be_in_viewport()
    expect(section.locator(".badge-internal")).to_have_text(re.compile(BADGE))


def test_the_delegation_scheme_page_is_said_missing_not_linked(page: Page) -> None:
    ask(page, "c'est quoi le schéma délégataire ?")
    sources = page.locator(".msg-bot").last.locator(".answer-sources")
    expect(sources.locator(".source-absent")).to_contain_text("Schéma délégataire (page 3)")
    expect(sources.locator(".source-absent a")).to_have_count(0)
    expect(sources.locator("a")).to_have_attribute("href", "reference#tarification")
    page.goto(page.url + "reference#tarification")
    expect(page.locator("#tarification .absent-link")).to_contain_text("n’est pas dans le document de référence")


# --- la page ----------------------------------------------------------------------------------------------

def test_a_used_suggestion_stays_in_the_history_marked_as_chosen(page: Page) -> None:
    page.locator(".quick-replies button", has_text="Payplug ou SP+").click()
    expect(page.locator(".msg-bot")).to_have_count(2, timeout=30_000)
    chosen = page.locator(".msg-bot").first.locator(".quick-replies button")
    expect(chosen).to_have_count(4)
    expect(chosen.filter(has_text="Payplug ou SP+")).to_have_attribute("aria-pressed", "true")
    for i in range(4):
        expect(chosen.nth(i)).to_be_disabled()
    page.reload()
    expect(page.locator(".msg-bot").first.locator("button.chosen")).to_have_text(re.compile("Payplug ou SP\\+"))


def test_a_counter_near_the_limit_and_a_clear_message_when_a_paste_is_too_long(page: Page) -> None:
    field = page.get_by_label("Votre question")
    field.fill("a" * 850)
    expect(page.locator("#counter")).to_have_text(re.compile(r"^850 / 1\W000 caractères$"))
    expect(page.locator("#send")).to_be_enabled()
    field.fill("paiement " * 222 + "ab")  # a 2 000-character paste
    assert len(field.input_value()) == 2000  # nothing cut
    expect(page.locator("#counter")).to_have_text(re.compile(
        r"^Message trop long\W+2\W000 caractères, 1\W000 au plus\. Raccourcissez-le pour l’envoyer\.$"))
    expect(page.locator("#send")).to_be_disabled()
    field.press("Enter")
    expect(page.locator(".msg-user")).to_have_count(0)
    field.fill("")
    expect(page.locator("#counter")).to_be_hidden()


def test_a_failed_send_is_marked_and_can_be_retried(page: Page) -> None:
    page.route("**/socket.io/**", lambda route: route.abort() if route.request.method == "POST"
               else route.continue_())
    page.get_by_label("Votre question").fill(QUESTION)
    page.get_by_label("Votre question").press("Enter")
    failed = page.locator(".msg-failed")
    expect(failed).to_contain_text("Non envoyé", timeout=30_000)
    page.unroute("**/socket.io/**")
    page.wait_for_function("() => document.getElementById('status').textContent === ''", timeout=30_000)
    failed.get_by_role("button", name="Réessayer").click()
    expect(page.locator(".msg-bot", has_text=ANSWER)).to_be_visible(timeout=30_000)
    expect(page.locator(".msg-failed")).to_have_count(0)
    expect(page.locator(".msg-user")).to_have_count(1)


def test_each_tab_has_its_own_conversation(page: Page) -> None:
    other = page.context.new_page()
    other.goto(page.url)
    expect(other.locator(".msg-bot").first).to_contain_text("Bonjour", timeout=30_000)
    ask(page, QUESTION)
    assert stored(page)["sessionId"] != stored(other)["sessionId"]
    other.wait_for_timeout(1000)
    expect(other.locator(".msg-bot")).to_have_count(1)
    expect(other.locator(".msg-user")).to_have_count(0)
    other.reload()
    expect(other.locator(".msg-bot", has_text=ANSWER)).to_have_count(0)


def test_a_duplicated_tab_gets_a_conversation_of_its_own(page: Page) -> None:
    """Un onglet dupliqué copie le sessionStorage de l'autre (même session) : il en ouvre une nouvelle."""
    ask(page, QUESTION)
    first = stored(page)
    duplicate = page.context.new_page()
    duplicate.add_init_script(f"sessionStorage.setItem('cecaz-webchat', {json.dumps(json.dumps(first))})")
    duplicate.goto(page.url)
    duplicate.wait_for_function(f"() => JSON.parse(sessionStorage.getItem('cecaz-webchat')).sessionId"
                                f" && JSON.parse(sessionStorage.getItem('cecaz-webchat')).sessionId !== "
                                f"{json.dumps(first['sessionId'])}", timeout=30_000)
    expect(duplicate.locator(".msg-user")).to_have_count(0)
    assert stored(page)["sessionId"] == first["sessionId"]
    expect(page.locator(".msg-bot", has_text=ANSWER)).to_be_visible()


def test_erasing_the_history_asks_first(page: Page) -> None:
    ask(page, QUESTION)
    page.get_by_role("button", name="Nouvelle conversation").click()
    dialog = page.get_by_role("dialog", name=re.compile(r"^Nouvelle conversation\W*\?$"))
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Annuler").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".msg-bot", has_text=ANSWER)).to_be_visible()
    page.get_by_role("button", name="Nouvelle conversation").click()
    dialog.get_by_role("button", name="Effacer et recommencer").click()
    expect(page.locator(".msg-user")).to_have_count(0, timeout=30_000)
    expect(page.locator(".msg-bot")).to_have_count(1, timeout=30_000)
    expect(page.get_by_label("Votre question")).to_be_focused()


def test_the_input_is_focused_on_load(page: Page) -> None:
    expect(page.get_by_label("Votre question")).to_be_focused()


def test_touch_targets_are_44_px_and_the_phone_header_is_compact(page: Page, viewport: str) -> None:
    ask(page, "c'est quoi le schéma délégataire ?")
    small = page.evaluate("""() => [...document.querySelectorAll('button, summary, .chat-link, input')]
        .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
        .map((e) => [e.outerHTML.slice(0, 60), e.getBoundingClientRect().height])
        .filter(([, height]) => height < 44)""")
    assert small == []
    header = page.locator(".chat-header").bounding_box()
    assert header is not None
    if viewport == "phone":
        assert header["height"] <= 0.08 * VIEWPORTS["phone"][1], header
    expect(page.get_by_role("button", name="Envoyer")).to_be_in_viewport()


def test_landscape_phone_keeps_suggestions_above_the_input(browser: Browser, services: Services) -> None:
    page = open_page(browser, services, "landscape")
    page.set_viewport_size({"width": 740, "height": 375})
    header = page.locator(".chat-header").bounding_box()
    assert header is not None and header["height"] <= 56, header
    last = page.locator(".quick-replies button").last
    last.scroll_into_view_if_needed()
    box, composer = last.bounding_box(), page.locator("#composer").bounding_box()
    assert box is not None and composer is not None and box["y"] + box["height"] <= composer["y"]
    page.context.close()


def test_dark_mode_follows_the_system(browser: Browser, services: Services) -> None:
    page = open_page(browser, services, color_scheme="dark")
    ask(page, QUESTION)
    background = page.evaluate("getComputedStyle(document.querySelector('.chat')).backgroundColor")
    assert background == "rgb(23, 24, 27)", background
    assert low_contrasts(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "after-factual-dark.png"))
    page.context.close()


def test_screen_readers_hear_one_answer_once(page: Page) -> None:
    page.evaluate("""() => {
        window.heard = [];
        new MutationObserver(() => {
            const text = document.getElementById('announcer').textContent;
            if (text) window.heard.push(text);
        }).observe(document.getElementById('announcer'), {childList: true, characterData: true, subtree: true});
    }""")
    expect(page.get_by_role("log")).to_have_attribute("aria-live", "off")
    expect(page.locator("#announcer")).to_have_attribute("aria-live", "polite")
    page.wait_for_timeout(600)  # the greeting's own announcement, if still pending, is not this answer's
    page.evaluate("window.heard = []")
    ask(page, "tarifs sp+")
    page.wait_for_function("() => window.heard.length > 0")
    page.wait_for_timeout(500)
    heard = page.evaluate("window.heard")
    assert len(heard) == 1 and heard[0].startswith("L’assistant\u00a0: Tarification SP+"), heard
