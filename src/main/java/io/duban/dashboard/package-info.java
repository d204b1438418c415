/** Leaders' and admins' web pages, the ledger export and the chat simulator. */
package io.duban.dashboard;
