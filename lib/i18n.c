/*
 * i18n.c - the language of labels: English msgids, translated through the
 * GNU gettext catalog "wushe" (po/LANG.po) when Chinese is chosen.
 */
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "wushe.h"

#ifndef WS_LOCALEDIR
#define WS_LOCALEDIR "/usr/local/share/locale"
#endif

static int zh;			/* labels in Chinese */

const char *
ws_tr(const char *s)
{
	return zh ? dgettext("wushe", s) : s;
}

int
ws_lang_zh(void)
{
	return zh;
}

int
ws_lang(const char *opt)
{
	const char *e, *l, *dir;

	if (opt != NULL) {
		if (strcmp(opt, "zh") == 0 || strncmp(opt, "zh_", 3) == 0)
			zh = 1;
		else if (strcmp(opt, "en") == 0 || strncmp(opt, "en_", 3) == 0)
			zh = 0;
		else
			return -1;
	} else {
		/* POSIX precedence: the first of these that is set */
		if ((e = getenv("LC_ALL")) == NULL || *e == '\0')
			if ((e = getenv("LC_MESSAGES")) == NULL || *e == '\0')
				e = getenv("LANG");
		zh = e != NULL && strncmp(e, "zh", 2) == 0;
	}
	if (!zh)
		return 0;
	/*
	 * GNU gettext honours LANGUAGE in any locale but "C"; the zh_CN
	 * locale itself need not be installed, so fall back to C.UTF-8.
	 */
	setenv("LANGUAGE", "zh_CN", 1);
	l = setlocale(LC_MESSAGES, "");
	if (l == NULL || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	if ((dir = getenv("WUSHE_LOCALEDIR")) == NULL || *dir == '\0')
		dir = WS_LOCALEDIR;
	bindtextdomain("wushe", dir);
	bind_textdomain_codeset("wushe", "UTF-8");
	return 0;
}
