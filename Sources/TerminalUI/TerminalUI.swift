// TerminalUI owns the terminal: a grid of cells, widgets that draw into it, key decoding, and
// the backends that put a grid on a screen (ncursesw) or in memory (tests).
// It knows nothing about rehabilitation and must not import the Rehab* modules; only this module
// touches ncurses.
