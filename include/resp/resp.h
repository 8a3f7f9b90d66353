/* resp.h: the single header of libresp
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define __RESP_H_INSIDE__

#include "resp-version-macros.h"
#include "resp-version.h"
#include "resp-enums.h"
#include "resp-enum-types.h"
#include "resp-error.h"
#include "resp-instant.h"
#include "resp-limits.h"
#include "resp-diagnostic.h"
#include "resp-model.h"
#include "resp-roles.h"
#include "resp-scope.h"
#include "resp-audit.h"
#include "resp-rulebook.h"
#include "resp-event.h"
#include "resp-record.h"
#include "resp-duties.h"
#include "resp-verdict.h"

#undef __RESP_H_INSIDE__
