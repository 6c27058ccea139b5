/*
 * i18n.c - the language of labels: English msgids, translated through the
 * GNU gettext catalog "wushe" (po/LANG.po) when Chinese is chosen.
 */
#include <libintl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wushe.h"

#ifndef WS_LOCALEDIR
#define WS_LOCALEDIR "/usr/local/share/locale"
#endif

static int zh;			/* labels in Chinese */
static int msgzh;		/* messages in Chinese (issue 14) */
static int warned;		/* the missing catalog was said */
static char exedir[PATH_MAX];	/* "<folder of the program>/../locale" */

/*
 * The folder of the catalogs: $WUSHE_LOCALEDIR; else ../locale beside the
 * program when it holds the Chinese catalog (a build tree: make puts it
 * there), so a command that defaults to Chinese needs no install; else the
 * installed folder.
 */
static const char *
localedir(void)
{
	const char *dir = getenv("WUSHE_LOCALEDIR");
	char *slash, mo[PATH_MAX + 40];
	ssize_t n;

	if (dir != NULL && *dir != '\0')
		return dir;
	n = readlink("/proc/self/exe", exedir, sizeof exedir - 1);
	if (n > 0) {
		exedir[n] = '\0';
		if ((slash = strrchr(exedir, '/')) != NULL &&
		    (size_t)(slash - exedir) + 11 < sizeof exedir) {
			strcpy(slash, "/../locale");
			snprintf(mo, sizeof mo,
			    "%s/zh_CN/LC_MESSAGES/wushe.mo", exedir);
			if (access(mo, R_OK) == 0)
				return exedir;
		}
	}
	return WS_LOCALEDIR;
}

const char *
ws_tr(const char *s)
{
	return zh ? dgettext("wushe", s) : s;
}

const char *
ws_msg(const char *s)
{
	return msgzh ? dgettext("wushe", s) : s;
}

int
ws_lang_zh(void)
{
	return zh;
}

/* Set the labels' language, and the messages' too unless doc. */
static int
lang_set(const char *opt, int doc)
{
	const char *e, *l, *dir;
	char mo[PATH_MAX + 40];

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
	if (!doc)
		msgzh = zh;
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
	/* the system's own messages (strerror) in UTF-8, not "?????" */
	l = setlocale(LC_CTYPE, NULL);
	if (l == NULL || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	dir = localedir();
	bindtextdomain("wushe", dir);
	bind_textdomain_codeset("wushe", "UTF-8");
	/* issue 14: asked for Chinese, never English in silence */
	snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/wushe.mo", dir);
	if (opt != NULL && access(mo, R_OK) != 0 && !warned++)
		ws_warn("--lang %s: no Chinese message catalog (looked for "
		    "'%s'; set WUSHE_LOCALEDIR or install wushe); messages "
		    "stay English", opt, mo);
	return 0;
}

int
ws_lang(const char *opt)
{
	return lang_set(opt, 0);
}

int
ws_lang_doc(const char *opt)
{
	return lang_set(opt, 1);
}

char *
ws_vmsgf(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int n;

	fmt = ws_msg(fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		ws_bug("bad message format '%s'", fmt);
	s = ws_malloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
ws_msgf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = ws_vmsgf(fmt, ap);
	va_end(ap);
	return s;
}
