/** The 督查通报: its issue numbers, what it says of a period, the .docx and its sending. */
package io.duban.bulletin;
