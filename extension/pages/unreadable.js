// Explains why the toolbar button could not read a tab (the reason comes in the URL).

import { UNREADABLE_MESSAGES } from "../lib/page-access.js";

const params = new URLSearchParams(location.search);
const message = UNREADABLE_MESSAGES[params.get("reason")] || UNREADABLE_MESSAGES["capture-failed"];
document.getElementById("heading").textContent = message.title;
document.getElementById("explanation").textContent = message.body;
document.title = `Folio: ${message.title}`;
if (params.get("url")) document.getElementById("address").textContent = `Page: ${params.get("url")}`;
