/* test-builder.h: small models written inline, for the role and audit suites
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "test-common.h"

G_BEGIN_DECLS

/* Small models are written with single quotes, each node or relation one
 * string; model_load() turns them into a model file. */
#define REGION(id, level) \
  "{'id':'" id "','type':'region','name':'" id "','level':'" level "'}"
#define COMMITTEE(id) \
  "{'id':'" id "','type':'committee','name':'" id "','form':'party_committee'}"
#define GROUP(id) \
  "{'id':'" id "','type':'committee','name':'" id "','form':'party_group'}"
#define UNIT(id) "{'id':'" id "','type':'unit','name':'" id "'}"
#define PERSON(id) "{'id':'" id "','type':'person','name':'" id "'}"
#define SYSTEM(id) "{'id':'" id "','type':'system','name':'" id "'}"
#define SECTOR(id) "{'id':'" id "','type':'sector','name':'" id "'}"
#define REL(rel, from, to) "{'rel':'" rel "','from':'" from "','to':'" to "'}"
#define REL_SINCE(rel, from, to, since) \
  "{'rel':'" rel "','from':'" from "','to':'" to "','since':'" since "'}"
#define REL_UNTIL(rel, from, to, until) \
  "{'rel':'" rel "','from':'" from "','to':'" to "','until':'" until "'}"
#define REL_DURING(rel, from, to, since, until) \
  "{'rel':'" rel "','from':'" from "','to':'" to "','since':'" since "','until':'" until "'}"
#define SEAT(person, committee, role) \
  "{'rel':'member','from':'" person "','to':'" committee "','role':'" role "'}"
#define SEAT_DURING(person, committee, role, since, until) \
  "{'rel':'member','from':'" person "','to':'" committee "','role':'" role \
  "','since':'" since "','until':'" until "'}"
#define SEAT_SINCE(person, committee, role, since) \
  "{'rel':'member','from':'" person "','to':'" committee "','role':'" role \
  "','since':'" since "'}"

RespModel *model_load_in    (const char         *file,
                             int                 caller,
                             const char * const *items);
#define model_load(items) model_load_in (__FILE__, __LINE__, (items))

G_END_DECLS
