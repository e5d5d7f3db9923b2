// Galley viewer client: entity toggles, selection and hover cards on the article page, and
// live refresh of the article list and the queue page. Served from /assets/ so the page's
// Content-Security-Policy can forbid inline script. Article text only ever reaches the DOM
// through textContent or through HTML the server has already escaped.
(() => {
  'use strict';

  /** Run `task` every `ms` while the tab is visible, never two at once. */
  function every(ms, task) {
    let busy = false;
    setInterval(async () => {
      if (busy || document.hidden) return;
      busy = true;
      try {
        await task();
      } catch {
        /* the next tick tries again */
      } finally {
        busy = false;
      }
    }, ms);
  }

  /** Replace `section` with the same-id section of a server-rendered fragment. */
  async function swapSection(section, url) {
    const response = await fetch(url, { headers: { Accept: 'text/html' } });
    if (!response.ok) return null;
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const next = doc.getElementById(section.id);
    if (!next) return null;
    section.replaceWith(next);
    return next;
  }

  function initLiveList(initial) {
    let section = initial;
    every(3000, async () => {
      const response = await fetch('/api/version');
      if (!response.ok) return;
      const { version } = await response.json();
      if (String(version) === section.dataset.version) return;
      const known = new Set([...section.querySelectorAll('.article-row')].map((row) => row.dataset.id));
      const next = await swapSection(section, `/partials/articles${location.search}`);
      if (!next) return;
      section = next;
      for (const row of section.querySelectorAll('.article-row')) {
        if (!known.has(row.dataset.id)) row.classList.add('fresh');
      }
    });
  }

  function initLiveQueue(initial) {
    let section = initial;
    every(5000, async () => {
      // Never swap the table away under a pointer that is about to press Retry.
      if (section.matches(':hover') || section.contains(document.activeElement)) return;
      section = (await swapSection(section, '/partials/queue')) ?? section;
    });
  }

  function initArticle(root) {
    const dataNode = document.getElementById('entity-data');
    const entities = dataNode ? JSON.parse(dataNode.textContent || '{}') : {};
    const marks = (id) => root.querySelectorAll(`mark.e[data-entity="${CSS.escape(id)}"]`);
    const panel = document.getElementById('selection');
    const card = document.getElementById('hovercard');
    let selected = null;

    function isHidden(mark) {
      return root.classList.contains(`hide-${mark.dataset.label}`);
    }

    function clearSelection() {
      for (const m of root.querySelectorAll('mark.e.active')) m.classList.remove('active');
      root.classList.remove('has-selection');
      selected = null;
      if (panel) {
        panel.hidden = true;
        panel.replaceChildren();
      }
    }

    function select(id) {
      if (selected === id) return clearSelection();
      clearSelection();
      const found = marks(id);
      const info = entities[id];
      if (!found.length && !info) return;
      selected = id;
      root.classList.add('has-selection');
      for (const m of found) m.classList.add('active');
      if (panel && info) {
        const title = document.createElement('h3');
        title.textContent = info.name;
        const kind = document.createElement('p');
        kind.className = 'hint';
        kind.textContent = `${info.labelName} · ${found.length} mention${found.length === 1 ? '' : 's'} in this article`;
        const parts = [title, kind];
        if (info.aliases.length) {
          const aliases = document.createElement('p');
          aliases.textContent = `Also: ${info.aliases.join(', ')}`;
          parts.push(aliases);
        }
        // Dates and amounts have no page across articles; names do.
        if (info.href) {
          const link = document.createElement('a');
          link.href = info.href;
          link.textContent = 'All articles that mention it →';
          const actions = document.createElement('p');
          actions.append(link);
          parts.push(actions);
        }
        panel.replaceChildren(...parts);
        panel.hidden = false;
      }
      if (found[0]) found[0].scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }

    root.addEventListener('click', (event) => {
      const mark = event.target instanceof Element ? event.target.closest('mark.e') : null;
      if (mark && !isHidden(mark)) {
        select(mark.dataset.entity);
      } else if (selected && !(event.target instanceof Element && event.target.closest('a'))) {
        clearSelection();
      }
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') clearSelection();
    });
    for (const button of document.querySelectorAll('[data-select-entity]')) {
      button.addEventListener('click', () => select(button.dataset.selectEntity));
    }

    for (const button of document.querySelectorAll('[data-toggle-label]')) {
      button.addEventListener('click', () => {
        const label = button.dataset.toggleLabel;
        const hidden = root.classList.toggle(`hide-${label}`);
        button.setAttribute('aria-pressed', String(!hidden));
      });
    }

    const sentences = document.getElementById('toggle-sentences');
    if (sentences)
      sentences.addEventListener('change', () => root.classList.toggle('show-sentences', sentences.checked));

    function flashQuote(index) {
      for (const q of root.querySelectorAll('.q.flash')) q.classList.remove('flash');
      for (const q of root.querySelectorAll(`.q[data-q="${CSS.escape(index)}"]`)) q.classList.add('flash');
    }
    for (const link of document.querySelectorAll('[data-goto-quote]')) {
      link.addEventListener('click', () => flashQuote(link.dataset.gotoQuote));
    }
    if (location.hash.startsWith('#q-')) flashQuote(location.hash.slice(3));

    if (card) {
      root.addEventListener('mouseover', (event) => {
        const mark = event.target instanceof Element ? event.target.closest('mark.e') : null;
        const info = mark && !isHidden(mark) ? entities[mark.dataset.entity] : null;
        if (!info) {
          card.hidden = true;
          return;
        }
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = info.name;
        const kind = document.createElement('span');
        kind.className = 'hint';
        kind.textContent = info.labelName;
        const parts = [name, kind];
        if (info.aliases.length) {
          const aliases = document.createElement('p');
          aliases.className = 'aliases';
          aliases.textContent = `Also: ${info.aliases.join(', ')}`;
          parts.push(aliases);
        }
        card.replaceChildren(...parts);
        card.hidden = false;
        const box = mark.getBoundingClientRect();
        const left = Math.min(
          window.scrollX + box.left,
          window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8,
        );
        card.style.left = `${Math.max(8, left)}px`;
        card.style.top = `${window.scrollY + box.bottom + 6}px`;
      });
      root.addEventListener('mouseout', (event) => {
        if (!(event.relatedTarget instanceof Element && event.relatedTarget.closest('mark.e'))) card.hidden = true;
      });
    }
  }

  const article = document.querySelector('[data-article-body]');
  if (article) initArticle(article);
  const list = document.querySelector('[data-live-list]');
  if (list) initLiveList(list);
  const queue = document.querySelector('[data-live-queue]');
  if (queue) initLiveQueue(queue);
})();
