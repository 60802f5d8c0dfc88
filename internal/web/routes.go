package web

import (
	"claimdesk/internal/auth"
	"claimdesk/static"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes registers the whole surface of the desk, each route with the least role it needs.
func (s *Server) routes() {
	e := s.echo
	e.Pre(headAsGet)
	e.Use(middleware.Recover())
	if s.metrics != nil {
		e.Use(s.countRequests)
	}
	e.Use(s.requestLogger())
	e.Use(s.securityHeaders)
	e.Use(compress())
	e.Use(middleware.BodyLimit("1M"))
	e.Use(s.loadSession)
	e.Use(canonicalID)

	viewer := s.need(auth.RoleViewer)
	editor := s.need(auth.RoleEditor)
	factchecker := s.need(auth.RoleFactchecker)
	admin := s.need(auth.RoleAdmin)

	// Public.
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/static/*", echo.WrapHandler(static.Handler()))
	e.GET("/login", s.loginPage)
	e.POST("/login", s.login)
	e.GET("/setup", s.setupPage)
	e.POST("/setup", s.setup, setupLimiter())
	e.POST("/logout", s.logout, viewer)

	// Live changes and presence, as Server-Sent Events.
	e.GET("/events", s.liveEvents, viewer)

	// Claims.
	e.GET("/", s.dashboard, viewer)
	e.POST("/views", s.saveView, viewer)
	e.POST("/views/:id/delete", s.deleteView, viewer)
	e.GET("/claims/new", s.newClaim, editor)
	e.POST("/claims", s.createClaim, editor)
	e.GET("/claims/:id", s.showClaim, viewer)
	e.GET("/claims/:id/edit", s.editClaim, editor)
	e.POST("/claims/:id", s.updateClaim, editor)
	e.GET("/claims/:id/citations", s.citationsPage, viewer)
	e.POST("/claims/:id/citations", s.addCitation, editor)
	e.POST("/claims/:id/verdict", s.setVerdict, factchecker)
	e.POST("/claims/:id/reviews", s.reviewContest, factchecker)
	e.GET("/claims/:id/merge", s.mergePage, editor)
	e.POST("/claims/:id/merge", s.mergeClaim, editor)

	// The desk's work: who is on a claim, its discussion, following, activity.
	e.GET("/queue", s.queue, viewer)
	e.GET("/claims/:id/work", s.workPage, viewer)
	e.POST("/claims/:id/work", s.setWork, editor)
	e.POST("/claims/:id/follow", s.followClaim, viewer)
	e.POST("/claims/:id/unfollow", s.unfollowClaim, viewer)
	e.GET("/claims/:id/comments", s.commentsPage, viewer)
	e.POST("/claims/:id/comments", s.addComment, viewer)
	e.GET("/comments/:id", s.showComment, viewer)
	e.POST("/comments/:id", s.editComment, viewer)
	e.POST("/comments/:id/remove", s.removeComment, admin)
	e.GET("/activity", s.activity, viewer)
	e.POST("/activity/seen", s.markSeen, viewer)
	e.GET("/notifications", s.notifications, viewer)
	e.POST("/notifications/read", s.markRead, viewer)

	// Citations, corrected or withdrawn.
	e.GET("/citations/:id/edit", s.editCitation, editor)
	e.POST("/citations/:id", s.updateCitation, editor)
	e.POST("/citations/:id/withdraw", s.withdrawCitation, editor)

	// Parties.
	e.GET("/parties", s.listParties, viewer)
	e.GET("/parties/new", s.newParty, editor)
	e.POST("/parties", s.createParty, editor)
	e.GET("/parties/:id/edit", s.editParty, editor)
	e.POST("/parties/:id", s.updateParty, editor)

	// Sources.
	e.GET("/sources", s.listSources, viewer)
	e.GET("/sources/new", s.newSource, editor)
	e.POST("/sources", s.createSource, editor)
	e.GET("/sources/:id", s.showSource, viewer)
	e.GET("/sources/:id/edit", s.editSource, editor)
	e.POST("/sources/:id", s.updateSource, editor)

	// Accounts.
	e.GET("/users", s.listUsers, admin)
	e.POST("/users", s.createUser, admin)
	e.GET("/settings", s.showSettings, admin)
	e.POST("/settings", s.saveSettings, admin)
}
