"""La page de discussion dans le Chromium de Debian (Playwright), contre les serveurs réels de `make run` :
question et réponse, réponse suggérée, historique après rechargement, nouvelle conversation, sonde
HTML/script affichée comme texte, envoi au clavier seul, 360 px de large. Captures : results/webchat*.png."""

from __future__ import annotations

import json
import re
from typing import Iterator, List

import pytest
from playwright.sync_api import Browser, Page, expect

from ops.serve import ROOT, Services

RESULTS = ROOT / "results"
QUESTION = "numéro de l'assistance SP+"
ANSWER = "09 69 37 80 30"
PROBE = '<img src=x onerror="window.sonde=1"><script>window.sonde=1</script><b>gras</b>'
# Relevé de l'indicateur « L'assistant écrit… » : il apparaît souvent moins longtemps qu'une attente.
WATCH_TYPING = """
new MutationObserver(() => {
  const typing = document.getElementById("typing");
  if (typing && !typing.hidden) window.typingSeen = true;
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["hidden"]});
"""
# Rapport de contraste WCAG de chaque élément de texte visible avec son fond effectif.
CONTRASTS = """() => {
  const rgb = (color) => color.match(/[\\d.]+/g).map(Number);
  const channel = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (element) => {
    for (; element; element = element.parentElement) {
      const color = rgb(getComputedStyle(element).backgroundColor);
      if (color.length < 4 || color[3] > 0) return color;
    }
    return [255, 255, 255];
  };
  const selector = "h1, .chat-title p, button, input, .msg-bubble, .msg-bubble a, time, .chat-status";
  return [...document.querySelectorAll(selector)].filter((e) => e.getClientRects().length).map((e) => {
    const [a, b] = [luminance(rgb(getComputedStyle(e).color)), luminance(background(e))];
    return [e.outerHTML.slice(0, 60), (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}"""



def new_page(browser: Browser, width: int = 1024, height: int = 800) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    page = context.new_page()
    page.add_init_script(WATCH_TYPING)
    return page


@pytest.fixture
def page(browser: Browser, services: Services) -> Iterator[Page]:
    requests: List[str] = []
    errors: List[str] = []
    page = new_page(browser)
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(services.webchat_url)
    wait_for_welcome(page)
    yield page
    page.context.close()
    assert not errors, errors
    outside = [url for url in requests if not url.startswith(services.rasa_url + "/")]
    assert not outside, f"la page a chargé hors de son origine : {outside}"


def wait_for_welcome(page: Page) -> None:
    expect(page.locator(".msg-bot").first).to_contain_text("Bonjour", timeout=30_000)
    expect(page.locator(".quick-replies button").first).to_be_visible()
    expect(page.locator("#send")).to_be_enabled()


def ask(page: Page, text: str) -> None:
    page.get_by_label("Votre question").fill(text)
    page.get_by_label("Votre question").press("Enter")


def stored(page: Page) -> dict:
    """La conversation gardée pour l'onglet (issue 14 : une session par onglet, sessionStorage)."""
    return json.loads(page.evaluate("sessionStorage.getItem('cecaz-webchat')"))


def test_question_gets_its_answer_with_clickable_phone(page: Page) -> None:
    ask(page, QUESTION)
    expect(page.locator(".msg-user").last).to_contain_text(QUESTION)
    answer = page.locator(".msg-bot", has_text=ANSWER)
    expect(answer).to_be_visible(timeout=30_000)
    expect(answer.locator('a[href="tel:0969378030"]')).to_have_text(ANSWER)
    expect(answer.locator("time")).to_have_text(re.compile(r"^\d{2}:\d{2}$"))
    assert page.evaluate("window.typingSeen === true"), "l'indicateur de saisie ne s'est pas affiché"
    expect(page.locator("#typing")).to_be_hidden()
    expect(page.locator(".quick-replies")).to_have_count(0)  # les suggestions d'accueil sont retirées
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "webchat.png"))


def test_quick_reply_sends_its_payload_and_shows_its_title(page: Page) -> None:
    button = page.locator(".quick-replies button").first
    title = button.inner_text()
    bots_before = page.locator(".msg-bot").count()
    button.click()
    expect(page.locator(".msg-user").last).to_have_text(re.compile(re.escape(title)))
    expect(page.locator(".msg-bot")).not_to_have_count(bots_before, timeout=30_000)
    assert not page.locator(".msg-user", has_text="/").count(), "la charge utile ne doit pas s'afficher"


def test_history_survives_a_reload_and_the_session_continues(page: Page) -> None:
    ask(page, QUESTION)
    expect(page.locator(".msg-bot", has_text=ANSWER)).to_be_visible(timeout=30_000)
    session_id = stored(page)["sessionId"]
    page.reload()
    expect(page.locator(".msg-user", has_text=QUESTION)).to_be_visible()
    expect(page.locator(".msg-bot", has_text=ANSWER)).to_be_visible()
    expect(page.locator("#send")).to_be_enabled(timeout=15_000)
    assert stored(page)["sessionId"] == session_id
    ask(page, "tel payplug ?")
    expect(page.locator(".msg-bot", has_text="+33 1 76 34 01 55")).to_be_visible(timeout=30_000)
    assert stored(page)["sessionId"] == session_id
    expect(page.locator(".msg-bot", has_text="Bonjour")).to_have_count(1)  # pas de second accueil


def test_new_conversation_starts_over(page: Page) -> None:
    ask(page, QUESTION)
    expect(page.locator(".msg-bot", has_text=ANSWER)).to_be_visible(timeout=30_000)
    first_session = stored(page)["sessionId"]
    page.get_by_role("button", name="Nouvelle conversation").click()
    page.get_by_role("button", name="Effacer et recommencer").click()  # issue 14: confirmed first
    wait_for_welcome(page)
    expect(page.locator(".msg-user")).to_have_count(0)
    expect(page.locator(".msg-bot")).to_have_count(1)
    expect(page.get_by_label("Votre question")).to_be_focused()
    assert stored(page)["sessionId"] not in (None, first_session)


def test_html_and_script_are_shown_as_text_and_never_run(page: Page, browser: Browser, services: Services) -> None:
    ask(page, PROBE)
    expect(page.locator(".msg-user").last).to_contain_text(PROBE)
    expect(page.locator(".msg-bot")).not_to_have_count(1, timeout=30_000)
    # Un message du bot contenant du HTML (injecté dans l'historique) est affiché de la même façon.
    state = stored(page)
    state["messages"].append({"from": "bot", "text": PROBE + " https://exemple.fr", "time": "2026-11-30T09:00:00Z"})
    page.evaluate("state => sessionStorage.setItem('cecaz-webchat', JSON.stringify(state))", state)
    page.reload()
    expect(page.locator(".msg-bot").last).to_contain_text(PROBE)
    expect(page.locator(".msg-bot").last.locator('a[href="https://exemple.fr"]')).to_have_attribute(
        "rel", "noopener noreferrer")
    expect(page.locator("#messages img, #messages script, #messages b")).to_have_count(0)
    assert page.evaluate("window.sonde === undefined")


def test_keyboard_only(browser: Browser, services: Services) -> None:
    page = new_page(browser)
    page.goto(services.webchat_url)
    wait_for_welcome(page)
    expect(page.get_by_label("Votre question")).to_be_focused()  # issue 14: focused on load, no Tab needed
    page.keyboard.press("Shift+Tab")
    expect(page.locator(".quick-replies button").last).to_be_focused()
    for _ in range(page.locator(".quick-replies button").count()):
        page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("log")).to_be_focused()  # la conversation défile au clavier
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Nouvelle conversation")).to_be_focused()
    for _ in range(page.locator(".quick-replies button").count() + 2):
        page.keyboard.press("Tab")
    expect(page.get_by_label("Votre question")).to_be_focused()
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    expect(page.locator(".msg-bot", has_text=ANSWER)).to_be_visible(timeout=30_000)
    expect(page.get_by_label("Votre question")).to_be_focused()
    page.context.close()


def low_contrasts(page: Page) -> List[str]:
    return [f"{element} : {ratio:.2f}" for element, ratio in page.evaluate(CONTRASTS) if ratio < 4.5]


def test_accessible_structure_and_contrast(page: Page) -> None:
    log = page.get_by_role("log", name="Conversation avec l’assistant")
    # Issue 14: one announcement per answer (#announcer), not each fragment added to the log.
    expect(log).to_have_attribute("aria-live", "off")
    expect(page.locator("#announcer")).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("status")).to_be_attached()
    expect(page.get_by_role("heading", name="Assistant CECAZ")).to_be_visible()
    expect(page.get_by_role("group", name="Réponses suggérées")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "webchat-accueil.png"))
    assert not low_contrasts(page)
    ask(page, QUESTION)
    expect(page.locator(".msg-bot a[href^='tel:']")).to_be_visible(timeout=30_000)
    assert not low_contrasts(page)


def test_fits_a_360_px_screen(browser: Browser, services: Services) -> None:
    page = new_page(browser, width=360, height=740)
    page.goto(services.webchat_url)
    wait_for_welcome(page)
    ask(page, QUESTION)
    expect(page.locator(".msg-bot", has_text=ANSWER)).to_be_visible(timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.get_by_role("button", name="Envoyer")).to_be_in_viewport()
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "webchat-360.png"))
    page.context.close()
