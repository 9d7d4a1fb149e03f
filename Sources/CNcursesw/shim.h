#ifndef PRIVX_ROLES_CNCURSESW_SHIM_H
#define PRIVX_ROLES_CNCURSESW_SHIM_H
// Wide-character ncurses. Macros and C globals do not import into Swift 6: wrap each one here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <curses.h>

static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline int shim_key_f(int n) { return KEY_F(n); }
static inline int shim_err(void) { return ERR; }
static inline int shim_ok(void) { return OK; }
#endif
