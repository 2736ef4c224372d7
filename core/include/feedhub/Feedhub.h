//
// Feedhub.h
//
// The plugin API in one header: everything a feed may use.
//

#ifndef feedhub_Feedhub_INCLUDED
#define feedhub_Feedhub_INCLUDED

#include "feedhub/Event.h"
#include "feedhub/Export.h"
#include "feedhub/Feed.h"
#include "feedhub/FeedContext.h"
#include "feedhub/FeedState.h"
#include "feedhub/HttpError.h"
#include "feedhub/HttpRequest.h"
#include "feedhub/HttpResponse.h"
#include "feedhub/IsoTime.h"
#include "feedhub/JsonText.h"
#include "feedhub/LongPollWaiter.h"
#include "feedhub/PluginApi.h"
#include "feedhub/Publication.h"
#include "feedhub/PublishIntake.h"
#include "feedhub/Publisher.h"
#include "feedhub/Reply.h"
#include "feedhub/RouteHandler.h"
#include "feedhub/SubscriberGreeting.h"
#include "feedhub/TopicName.h"

#endif // feedhub_Feedhub_INCLUDED
